package az.ekabinet.config.web;

import az.ekabinet.config.web.ProblemWriter.Problem;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.FieldError;
import az.ekabinet.domain.shared.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code Idempotency-Key} on money-moving POSTs (those marked {@code AcceptsIdempotencyKey}): the same key with the same body gets the first
 * successful answer again (marked {@code Idempotent-Replayed: true}) without doing anything twice; the same key with
 * another body is 422; a key whose first request is still running is 409. Keys are per caller and kept 48 hours.
 * A failed first request leaves no answer behind, so the client may retry with the same key. The money commands
 * are idempotent themselves (a code credits once, a transfer completes once); the key gives clients the same
 * answer back.
 */
@Component
public class IdempotencyKeys implements WebFilter {

    public static final String HEADER = "Idempotency-Key";
    static final Duration KEPT = Duration.ofHours(48);
    /** A first request that has not finished in this time died with its node; a retry may run again. */
    static final Duration ABANDONED_AFTER = Duration.ofSeconds(60);
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private final IdempotentEndpoints endpoints;
    private final DatabaseClient db;
    private final ProblemWriter problems;
    private final Clock clock;
    private final int maxBodyBytes;

    public IdempotencyKeys(IdempotentEndpoints endpoints, DatabaseClient db, ProblemWriter problems, Clock clock,
                           HttpSettings http) {
        this.endpoints = endpoints;
        this.db = db;
        this.problems = problems;
        this.clock = clock;
        this.maxBodyBytes = http.maxBodyBytes();
    }

    private record Stored(byte[] requestHash, String status, Integer responseStatus, String contentType, byte[] body,
                          OffsetDateTime createdAt) {
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String key = request.getHeaders().getFirst(HEADER);
        String path = request.getPath().pathWithinApplication().value();
        if (key == null || !endpoints.covers(request.getMethod(), path)) {
            return chain.filter(exchange);
        }
        if (!KEY.matcher(key).matches()) {
            return problems.write(exchange, new Problem(ErrorCode.VALIDATION_FAILED, Map.of(),
                    List.of(new FieldError(HEADER, "IDEMPOTENCY_KEY_FORMAT")), HttpHeaders.EMPTY));
        }
        // (Mono<Void> is always empty, so "no caller" is told apart explicitly, never by switchIfEmpty.)
        return exchange.getPrincipal()
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(caller -> caller.isEmpty()
                        ? chain.filter(exchange) // no caller: the security chain refuses the request anyway
                        : DataBufferUtils.join(request.getBody(), maxBodyBytes)
                                .map(RequestBodies::drain)
                                .defaultIfEmpty(new byte[0])
                                .flatMap(body -> handle(exchange, chain, caller.get().getName(), key, path, body)))
                .onErrorResume(DataBufferLimitException.class,
                        e -> problems.write(exchange, Problem.of(ErrorCode.PAYLOAD_TOO_LARGE)));
    }

    private Mono<Void> handle(ServerWebExchange exchange, WebFilterChain chain, String principal, String key,
                              String path, byte[] body) {
        byte[] hash = hash(path, body);
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        return db.sql("""
                        INSERT INTO command.idempotency_key (principal, idempotency_key, request_hash, status, created_at)
                        VALUES (:principal, :key, :hash, 'IN_PROGRESS', :now)
                        ON CONFLICT (principal, idempotency_key) DO UPDATE SET created_at = EXCLUDED.created_at
                        WHERE command.idempotency_key.status = 'IN_PROGRESS'
                          AND command.idempotency_key.request_hash = EXCLUDED.request_hash
                          AND command.idempotency_key.created_at < :abandoned""")
                .bind("principal", principal).bind("key", key).bind("hash", hash).bind("now", now)
                .bind("abandoned", now.minus(ABANDONED_AFTER))
                .fetch().rowsUpdated()
                .flatMap(claimed -> claimed == 1
                        ? runFirst(exchange, chain, principal, key, body)
                        : answerRepeat(exchange, principal, key, hash));
    }

    private Mono<Void> runFirst(ServerWebExchange exchange, WebFilterChain chain, String principal, String key,
                                byte[] body) {
        var response = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> content) {
                return DataBufferUtils.join(Flux.from(content)).flatMap(buffer -> {
                    byte[] bytes = RequestBodies.drain(buffer);
                    // no status set means 200, WebFlux's default
                    var status = getStatusCode() == null ? HttpStatus.OK : getStatusCode();
                    Mono<Void> remember = status.is2xxSuccessful()
                            ? remember(principal, key, status.value(), getHeaders().getContentType(), bytes)
                            : forget(principal, key);
                    return remember.then(super.writeWith(Mono.just(bufferFactory().wrap(bytes))));
                });
            }
        };
        return chain.filter(exchange.mutate().request(RequestBodies.replaying(exchange.getRequest(), body))
                        .response(response).build())
                .onErrorResume(failure -> forget(principal, key).then(Mono.error(failure)));
    }

    private Mono<Void> answerRepeat(ServerWebExchange exchange, String principal, String key, byte[] hash) {
        return db.sql("""
                        SELECT request_hash, status, response_status, content_type, response_body, created_at
                        FROM command.idempotency_key WHERE principal = :principal AND idempotency_key = :key""")
                .bind("principal", principal).bind("key", key)
                .map((row, meta) -> new Stored(row.get("request_hash", byte[].class), row.get("status", String.class),
                        row.get("response_status", Integer.class), row.get("content_type", String.class),
                        row.get("response_body", byte[].class), row.get("created_at", OffsetDateTime.class)))
                .one()
                .flatMap(stored -> {
                    if (!MessageDigest.isEqual(stored.requestHash(), hash)) {
                        return problems.write(exchange, Problem.of(ErrorCode.IDEMPOTENCY_KEY_REUSED));
                    }
                    if (!"DONE".equals(stored.status())) {
                        HttpHeaders headers = new HttpHeaders();
                        headers.set(HttpHeaders.RETRY_AFTER, "1");
                        return problems.write(exchange,
                                new Problem(ErrorCode.IDEMPOTENCY_KEY_IN_USE, Map.of(), List.of(), headers));
                    }
                    var response = exchange.getResponse();
                    response.setStatusCode(HttpStatus.valueOf(stored.responseStatus()));
                    if (stored.contentType() != null) {
                        response.getHeaders().setContentType(MediaType.parseMediaType(stored.contentType()));
                    }
                    response.getHeaders().set("Idempotent-Replayed", "true");
                    byte[] bytes = stored.body() == null ? new byte[0] : stored.body();
                    return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
                });
    }

    private Mono<Void> remember(String principal, String key, int status, MediaType contentType, byte[] body) {
        return db.sql("""
                        UPDATE command.idempotency_key SET status = 'DONE', response_status = :status,
                            content_type = :contentType, response_body = :body
                        WHERE principal = :principal AND idempotency_key = :key""")
                .bind("status", status)
                .bind("contentType", contentType == null ? MediaType.APPLICATION_JSON_VALUE : contentType.toString())
                .bind("body", body).bind("principal", principal).bind("key", key)
                .then();
    }

    private Mono<Void> forget(String principal, String key) {
        return db.sql("""
                        DELETE FROM command.idempotency_key
                        WHERE principal = :principal AND idempotency_key = :key AND status = 'IN_PROGRESS'""")
                .bind("principal", principal).bind("key", key)
                .then();
    }

    /** Keys older than two days are forgotten (kept at least the 24 hours clients rely on). */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    public void forgetOldKeys() {
        db.sql("DELETE FROM command.idempotency_key WHERE created_at < :before")
                .bind("before", OffsetDateTime.ofInstant(clock.instant().minus(KEPT), ZoneOffset.UTC))
                .then().block(Duration.ofMinutes(1));
    }

    private static byte[] hash(String path, byte[] body) {
        return Sha256.of(path.getBytes(StandardCharsets.UTF_8), new byte[] {0}, body);
    }

}
