package az.ekabinet.config.web;

import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Static pages (Swagger UI, later the ops dashboard) are read from jars with blocking file I/O. Their requests
 * are handled on the bounded-elastic scheduler, so the read never happens on a Netty event-loop thread.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class JarResourcesOffEventLoop implements WebFilter {

    static final List<String> PREFIXES = List.of("/webjars/", "/swagger-ui");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (PREFIXES.stream().anyMatch(path::startsWith)) {
            return chain.filter(exchange).subscribeOn(Schedulers.boundedElastic());
        }
        return chain.filter(exchange);
    }
}
