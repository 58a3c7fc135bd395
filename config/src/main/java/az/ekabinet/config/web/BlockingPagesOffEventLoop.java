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
 * Pages whose handlers block: static pages read from jars (Swagger UI; the ops dashboard is read into memory at
 * start-up instead, see {@code OpsDashboardPage}) and the OpenAPI
 * document, which springdoc builds under a lock (a request arriving while the start-up build runs would wait on it).
 * They are handled on the bounded-elastic scheduler, never on a Netty event-loop thread.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1) // right after RequestIds, which gives the request its id first
public class BlockingPagesOffEventLoop implements WebFilter {

    static final List<String> PREFIXES = List.of("/webjars/", "/swagger-ui", "/v3/api-docs");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (PREFIXES.stream().anyMatch(path::startsWith)) {
            return chain.filter(exchange).subscribeOn(Schedulers.boundedElastic());
        }
        return chain.filter(exchange);
    }
}
