package az.ekabinet.query.ops;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * A PostgreSQL {@code LISTEN} on one dedicated connection, outside the pool, made by the same factory as the
 * application's pooled ones. It emits once when listening starts (anything may have happened before) and once per
 * notification; when the connection fails or stops answering its periodic check it reconnects with a backoff,
 * emitting again once listening. Only wake-ups: nothing is lost with a notification, readers read the store.
 */
public class PostgresNotifications {

    private static final Logger log = LoggerFactory.getLogger(PostgresNotifications.class);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(30);

    private final ConnectionFactory factory;
    private final String channel;

    /** @param factory the application's factory, pooled or not: listening uses the PostgreSQL factory inside */
    public PostgresNotifications(ConnectionFactory factory, String channel) {
        this.factory = unpooled(factory);
        if (!channel.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain channel name: " + channel);
        }
        this.channel = channel;
    }

    /** Cold: each subscription listens on a connection of its own, until cancelled. */
    public Flux<String> wakeUps() {
        return Flux.usingWhen(Mono.from(factory.create()).cast(PostgresqlConnection.class),
                        this::listen,
                        connection -> Mono.from(connection.close()).onErrorResume(e -> Mono.empty()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(10))
                        .doBeforeRetry(retry -> log.warn("Listening on {} failed, reconnecting: {}", channel,
                                retry.failure().toString())));
    }

    private Flux<String> listen(PostgresqlConnection connection) {
        Flux<String> notifications = connection.getNotifications().map(n -> channel)
                .concatWith(Mono.error(() -> new IllegalStateException("the listening connection closed")));
        Flux<String> checks = Flux.interval(CHECK_EVERY)
                .concatMap(tick -> Mono.from(connection.validate(ValidationDepth.REMOTE)))
                .filter(valid -> !valid)
                .flatMap(invalid -> Mono.<String>error(
                        new IllegalStateException("the listening connection stopped answering")));
        return connection.createStatement("LISTEN " + channel).execute()
                .flatMap(PostgresqlResult::getRowsUpdated)
                .then(Mono.fromRunnable(() -> log.info("Listening for event-store notifications on {}", channel)))
                .thenMany(Flux.merge(Flux.just(channel), notifications, checks));
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
