package az.ekabinet.query.plumbing;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * A PostgreSQL {@code LISTEN} on one dedicated connection, outside the pool, made by the same factory as the
 * application's pooled ones, for all the channels given. It reports when listening starts (anything may have happened
 * before), each notification, and the loss of the connection (notifications until listening starts again are never
 * heard); when the connection fails or stops answering its periodic check it reconnects with a backoff.
 *
 * <p>A node should listen on one connection only: PostgreSQL wakes every listening backend of the database at each
 * {@code NOTIFY}, whatever its channel, and each wake-up is a short transaction there.
 */
public class PostgresNotifications {

    private static final Logger log = LoggerFactory.getLogger(PostgresNotifications.class);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(10);
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);
    /** How the listening connection shows in {@code pg_stat_activity}. */
    public static final String APPLICATION_NAME = "ekabinet-listener";

    private final ConnectionFactory factory;
    private final List<String> channels;

    /** What the listening connection reports. */
    public sealed interface Heard {
    }

    /** Listening (again): whatever was notified before this was not heard. */
    public record Listening() implements Heard {
    }

    public record Notified(String channel, String payload) implements Heard {
    }

    /** The connection failed; a {@link Listening} follows once it listens again. */
    public record Lost(Throwable cause) implements Heard {
    }

    /** @param factory the application's factory, pooled or not: listening uses the PostgreSQL factory inside */
    public PostgresNotifications(ConnectionFactory factory, List<String> channels) {
        this.factory = unpooled(factory);
        for (String channel : channels) {
            if (!channel.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("not a plain channel name: " + channel);
            }
        }
        this.channels = List.copyOf(channels);
    }

    /** Everything the connection reports. Cold: each subscription listens on a connection of its own, until cancelled. */
    public Flux<Heard> heard() {
        return Flux.usingWhen(Mono.from(factory.create()).cast(PostgresqlConnection.class),
                        this::listen,
                        connection -> Mono.from(connection.close()).onErrorResume(e -> Mono.empty()))
                .onErrorResume(failure -> Flux.<Heard>just(new Lost(failure)).concatWith(Mono.error(failure)))
                // the backoff starts over once listening worked again (transient errors)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(10))
                        .transientErrors(true)
                        .doBeforeRetry(retry -> log.warn("Listening on {} failed, reconnecting: {}", channels,
                                retry.failure().toString())));
    }

    private Flux<Heard> listen(PostgresqlConnection connection) {
        Flux<Heard> notifications = connection.getNotifications()
                .<Heard>map(n -> new Notified(n.getName(), n.getParameter() == null ? "" : n.getParameter()))
                .concatWith(Mono.error(() -> new IllegalStateException("the listening connection closed")));
        Flux<Heard> checks = Flux.interval(CHECK_EVERY)
                .onBackpressureDrop()
                // a connection that stopped answering without closing (a network split) counts as failed
                .concatMap(tick -> Mono.from(connection.validate(ValidationDepth.REMOTE)).timeout(CHECK_TIMEOUT, Mono.just(false)))
                .filter(valid -> !valid)
                .flatMap(invalid -> Mono.<Heard>error(
                        new IllegalStateException("the listening connection stopped answering")));
        return Flux.concat(Flux.just("SET application_name = '" + APPLICATION_NAME + "'"),
                        Flux.fromIterable(channels).map(channel -> "LISTEN " + channel))
                .concatMap(sql -> connection.createStatement(sql).execute().flatMap(PostgresqlResult::getRowsUpdated))
                .then(Mono.fromRunnable(() -> log.info("Listening for notifications on {}", channels)))
                .thenMany(Flux.merge(Flux.<Heard>just(new Listening()), notifications, checks));
    }

    private static ConnectionFactory unpooled(ConnectionFactory factory) {
        ConnectionFactory current = factory;
        while (current instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner) {
            current = inner;
        }
        if (!current.getMetadata().getName().equals("PostgreSQL")) {
            throw new IllegalStateException("LISTEN needs the PostgreSQL R2DBC driver, not "
                    + current.getMetadata().getName());
        }
        return current;
    }
}
