package az.ekabinet.config.web;

import az.ekabinet.command.shared.RequestId;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;

/**
 * Gives every HTTP request an id and makes every log line written for it carry that id (MDC key {@value
 * RequestId#KEY}; docs/operations.md, "Logs"). An incoming {@code X-Request-Id} is kept if it is a sane token (1–64
 * characters of letters, digits and {@code . _ : = + / -}, as a proxy or a client would make it), so a request can
 * be followed from the load balancer or the client into this service; otherwise a new id is made (16 hex digits).
 * The answer echoes it in {@code X-Request-Id}, errors included.
 *
 * <p>How the id reaches the log lines, cheaply, at the boundaries the service controls: it is in the MDC of the
 * event-loop thread while the request's pipeline is subscribed (the work a request does there before its first hop to
 * another thread); it is written into the request's Reactor context, from which the command dispatcher puts it into
 * the command thread's MDC for the whole unit of work, the clients of outside systems into their threads' MDC for
 * their lines, and Reactor's {@code handle} and {@code tap} operators restore it ({@link RequestIdMdcAccessor}); the
 * problem handler and this filter's own line take it from the exchange ({@link #of}). Reactor's automatic context
 * propagation would restore it at every thread hop, so that library lines written after a hop carry it too, but it
 * halved the throughput of the cheapest requests: it is off ({@code spring.reactor.context-propagation: limited}),
 * and an operator may turn it on ({@code auto}). First of all filters, so refusals by the security chain carry the id
 * too.
 *
 * <p>At DEBUG ({@code logging.level.az.ekabinet.config.web.RequestIds=DEBUG}) it also writes one line per request
 * when the answer is done: method, route ({@link #route}), status and time taken.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIds implements WebFilter {

    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = RequestIds.class.getName() + ".id";
    private static final int MAX_LENGTH = 64;
    private static final Logger log = LoggerFactory.getLogger(RequestIds.class);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = chosen(exchange.getRequest().getHeaders().getFirst(HEADER));
        exchange.getAttributes().put(ATTRIBUTE, id);
        // set when the answer is committed, so that nothing that rewrites the headers before (an error's answer) drops it
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(HEADER, id);
            return Mono.empty();
        });
        Mono<Void> handled = chain.filter(exchange);
        if (log.isDebugEnabled()) {
            long started = System.nanoTime();
            handled = handled.doFinally(signal -> RequestId.inMdc(id, () -> log.debug("{} {} answered {} in {} ms",
                    exchange.getRequest().getMethod(), route(exchange),
                    exchange.getResponse().getStatusCode() == null ? "-" : exchange.getResponse().getStatusCode().value(),
                    (System.nanoTime() - started) / 1_000_000)));
        }
        return new SubscribedInMdc(handled.contextWrite(context -> context.put(RequestId.KEY, id)), id);
    }

    /** The id of the request of this exchange; {@code null} only for an exchange that never passed the filter. */
    public static String of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }

    /**
     * What a log line names a request by: the pattern of its route ({@code /api/registrations/{registrationId}/contact})
     * once a handler was found for it, so that no identifier a path holds (a registration id is a capability) is
     * written to the log; the path as it came before that (a refusal by the security chain, an unknown path).
     */
    public static String route(ServerWebExchange exchange) {
        Object pattern = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        return pattern != null ? pattern.toString() : exchange.getRequest().getPath().value();
    }

    /** The client's or proxy's id if it is sane, else a new one. */
    static String chosen(String incoming) {
        return sane(incoming) ? incoming : generated();
    }

    /**
     * Whether an incoming id may be used as it is: it ends up in every log line of the request, so no spaces, quotes,
     * line breaks or anything else that could forge or break a line, and not longer than {@value #MAX_LENGTH}.
     */
    static boolean sane(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_' || c == '.' || c == ':' || c == '=' || c == '+' || c == '/';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /**
     * 64 random bits as 16 hex digits: unique enough to find a request's lines among a cluster's, and cheap. Not a
     * secret, so no secure random (it would read the kernel's entropy on an event-loop thread).
     */
    static String generated() {
        String hex = Long.toHexString(ThreadLocalRandom.current().nextLong());
        return hex.length() == 16 ? hex : "0".repeat(16 - hex.length()) + hex;
    }

    /**
     * The request's pipeline, subscribed with the id in the MDC of the subscribing (event-loop) thread: the work a
     * request does there before its first hop to another thread (security with a cached session, the handler's own
     * code, an answer made from memory) logs with the id. The MDC is put back as it was afterwards.
     */
    private static final class SubscribedInMdc extends MonoOperator<Void, Void> {

        private final String id;

        SubscribedInMdc(Mono<Void> source, String id) {
            super(source);
            this.id = id;
        }

        @Override
        public void subscribe(CoreSubscriber<? super Void> actual) {
            RequestId.inMdc(id, () -> source.subscribe(actual));
        }
    }
}
