package az.ekabinet.config.web.admission;

import az.ekabinet.config.RuntimeSettings;
import az.ekabinet.config.web.ProblemWriter;
import az.ekabinet.config.web.ProblemWriter.Problem;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.RequestClass;
import com.zaxxer.hikari.HikariDataSource;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.r2dbc.R2dbcProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A node's admission control: each API request takes a slot of its {@linkplain AdmissionClasses class} for as long
 * as it is worked on, and a request that finds none free is refused at once with 503 {@code SERVICE_BUSY} and
 * {@code Retry-After}, before anything reads its body or authenticates it, so it changes nothing. Under a surge a
 * node thus keeps serving what it can at the speed it can, and refuses the rest quickly, instead of letting every
 * request slow down until clients give up. The classes never take each other's slots: browsing cannot crowd out
 * payments, nor password hashing anything else. Event streams, CORS preflights and everything outside
 * {@code /api/} (health, metrics, the ops page) are not counted.
 *
 * <p>A slot counts only the requests that reached the node's filter. When the machine's CPU is saturated, requests
 * queue before that, in the sockets and the event loops, where no slot sees them; so a request that waited longer
 * than {@code ekabinet.admission.max-queue-time} since the load balancer received it (its {@value #REQUEST_START}
 * header, which HAProxy sets) is refused at once as well: its client has waited already, and working on it would
 * keep the queue long. The bound is loose (half a second): behind HAProxy, which sends each node only a few requests
 * at once, a request that a busy node reads late is served, since a refusal so late would spare its client nothing.
 * Money and fees may wait twice as long: what a saturated node sheds first is the rest. How long requests waited is a
 * metric of its own. Long before that bound, a password check's wait is a sign of congestion
 * that lowers the class's limit ({@link AdmissionLimiters}). In a cluster, the load balancer bounds what each node
 * works on before any of this ({@code config/cluster/haproxy.cfg}).
 *
 * <p>It runs in the security chain, right after CORS (so that a browser page on another origin can read the refusal)
 * and before authentication. The slots never wait (a wait would block a Netty thread); the limits are per node, so a
 * cluster admits the sum of its nodes'.
 */
@Component
public class AdmissionControl {

    private final AdmissionClasses classes;
    private final ProblemWriter problems;
    private final Map<RequestClass, SimpleLimiter<Void>> slots = new EnumMap<>(RequestClass.class);
    private final Map<RequestClass, Counter> admitted = new EnumMap<>(RequestClass.class);
    private final Map<RequestClass, Counter> refused = new EnumMap<>(RequestClass.class);
    private final Map<RequestClass, Timer> queued = new EnumMap<>(RequestClass.class);
    private final Map<RequestClass, Long> maxQueueMicros = new EnumMap<>(RequestClass.class);
    private final long congestedQueueMicros;
    private final Problem busy;

    /** When the load balancer received the request: {@code t=} and microseconds since the epoch (HAProxy's form). */
    static final String REQUEST_START = "X-Request-Start";

    public AdmissionControl(AdmissionClasses classes, ProblemWriter problems, AdmissionSettings settings,
                            HikariDataSource jdbc, R2dbcProperties r2dbc, RuntimeSettings runtime,
                            MeterRegistry meters) {
        this.classes = classes;
        this.problems = problems;
        AdmissionLimits limits = AdmissionLimits.of(settings, jdbc, r2dbc, runtime);
        for (RequestClass requestClass : RequestClass.values()) {
            SimpleLimiter<Void> limiter = AdmissionLimiters.of(requestClass, limits, settings);
            slots.put(requestClass, limiter);
            maxQueueMicros.put(requestClass, maxQueueTime(settings, requestClass).toNanos() / 1_000);
            String tag = nameOf(requestClass);
            admitted.put(requestClass, Counter.builder("ekabinet.admission.requests").tag("class", tag)
                    .tag("outcome", "admitted").description("API requests admitted by this node").register(meters));
            refused.put(requestClass, Counter.builder("ekabinet.admission.requests").tag("class", tag)
                    .tag("outcome", "refused").description("API requests refused at once, the node busy")
                    .register(meters));
            queued.put(requestClass, Timer.builder("ekabinet.admission.queue").tag("class", tag)
                    .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(50),
                            maxQueueTime(settings, requestClass))
                    .description("how long API requests waited in front of this node, from the load balancer's "
                            + REQUEST_START).register(meters));
            Gauge.builder("ekabinet.admission.in.flight", limiter, SimpleLimiter::getInflight)
                    .tag("class", tag).description("requests of the class being worked on").register(meters);
            Gauge.builder("ekabinet.admission.limit", limiter, SimpleLimiter::getLimit)
                    .tag("class", tag).description("requests of the class worked on at once, at most, now")
                    .register(meters);
        }
        congestedQueueMicros = settings.congestionQueueTime().toNanos() / 1_000;
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(settings.retryAfter().toSeconds()));
        this.busy = new Problem(ErrorCode.SERVICE_BUSY, Map.of(), List.of(), HttpHeaders.readOnlyHttpHeaders(headers));
    }

    /**
     * How long a request of the class may have waited in front of the node: money and fees twice as long as the rest,
     * so that a saturated node sheds browsing and logins before payments, credits and confirmations.
     */
    static Duration maxQueueTime(AdmissionSettings settings, RequestClass requestClass) {
        return requestClass == RequestClass.CRITICAL ? settings.maxQueueTime().multipliedBy(2) : settings.maxQueueTime();
    }

    /** A class as metrics and the ops counters name it; not in the server's locale, where az lowercases I as ı. */
    static String nameOf(RequestClass requestClass) {
        return requestClass.name().toLowerCase(Locale.ROOT);
    }

    /** What this node admitted and refused of a class since it started. */
    public long admitted(RequestClass requestClass) {
        return (long) admitted.get(requestClass).count();
    }

    public long refused(RequestClass requestClass) {
        return (long) refused.get(requestClass).count();
    }

    /** The security chain's filter: the request admitted (and its slot given back when it is done), or refused. */
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        if (!path.startsWith("/api/") || request.getMethod() == HttpMethod.OPTIONS) {
            return chain.filter(exchange);
        }
        return classes.of(request.getMethod(), path)
                .map(requestClass -> admit(requestClass, exchange, chain))
                .orElseGet(() -> chain.filter(exchange));
    }

    private Mono<Void> admit(RequestClass requestClass, ServerWebExchange exchange, WebFilterChain chain) {
        long waitedMicros = waitedMicros(exchange.getRequest().getHeaders().getFirst(REQUEST_START));
        if (waitedMicros >= 0) {
            queued.get(requestClass).record(waitedMicros, TimeUnit.MICROSECONDS);
        }
        Optional<Limiter.Listener> slot = waitedMicros > maxQueueMicros.get(requestClass) ? Optional.empty()
                : slots.get(requestClass).acquire(null);
        if (slot.isEmpty()) {
            refused.get(requestClass).increment();
            return problems.write(exchange, busy);
        }
        admitted.get(requestClass).increment();
        Limiter.Listener listener = slot.get();
        // the limiter takes the time from here to the end as a sample: longer than the latency target is congestion
        boolean congested = waitedMicros > congestedQueueMicros;
        return Mono.defer(() -> chain.filter(exchange)).doFinally(signal -> {
            if (congested) {
                listener.onDropped();
            } else {
                listener.onSuccess();
            }
        });
    }

    /**
     * Microseconds since the load balancer received the request, by the wall clock (the balancer's clock, not the
     * application's, which tests move); -1 without a readable {@value #REQUEST_START}, or one from the future (the
     * machines' clocks apart).
     */
    static long waitedMicros(String requestStart) {
        if (requestStart == null || !requestStart.startsWith("t=")) {
            return -1;
        }
        try {
            long waited = System.currentTimeMillis() * 1_000 - Long.parseLong(requestStart.substring(2));
            return waited >= 0 ? waited : -1;
        } catch (NumberFormatException unreadable) {
            return -1;
        }
    }
}
