package az.ekabinet.config.database;

import az.ekabinet.command.auth.session.SessionCache;
import az.ekabinet.command.auth.session.SessionStore;
import az.ekabinet.projection.ops.OpsNotifier;
import az.ekabinet.query.ops.PostgresNotifications;
import az.ekabinet.query.ops.PostgresNotifications.Heard;
import az.ekabinet.query.ops.PostgresNotifications.Listening;
import az.ekabinet.query.ops.PostgresNotifications.Lost;
import az.ekabinet.query.ops.PostgresNotifications.Notified;
import java.util.List;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * This node's one listening connection to PostgreSQL, for every channel it listens on: the commits that wake the ops
 * stream's tail ({@link OpsNotifier#CHANNEL}) and session revocations ({@link SessionStore#REVOCATIONS_CHANNEL}).
 * One connection for all, since PostgreSQL wakes every listening backend at each notification (see
 * {@link PostgresNotifications}): a second one cost the database a transaction per command.
 */
@Component
public class NodeNotifications implements SmartLifecycle {

    private final PostgresNotifications notifications;
    private final SessionCache sessions;
    /** Wake-ups only: one dropped while nobody listens, or while the tail is busy, is made up by its next read. */
    private final Sinks.Many<Object> opsWakeUps = Sinks.many().multicast().directBestEffort();
    private volatile Disposable listening;

    public NodeNotifications(io.r2dbc.spi.ConnectionFactory connectionFactory, SessionCache sessions) {
        this.notifications = new PostgresNotifications(connectionFactory,
                List.of(OpsNotifier.CHANNEL, SessionStore.REVOCATIONS_CHANNEL));
        this.sessions = sessions;
    }

    /** A wake-up for the ops tail each time listening starts and at each commit anywhere. */
    public Flux<Object> opsWakeUps() {
        return opsWakeUps.asFlux();
    }

    @Override
    public void start() {
        // off the connection's event loop: clearing the session cache may wait for its lock
        listening = notifications.heard().publishOn(Schedulers.boundedElastic()).subscribe(this::dispatch);
    }

    private void dispatch(Heard heard) {
        if (heard instanceof Notified notified) {
            if (notified.channel().equals(SessionStore.REVOCATIONS_CHANNEL)) {
                sessions.onRevocation(notified.payload());
            } else {
                opsWakeUps.tryEmitNext(notified);
            }
        } else if (heard instanceof Listening) {
            sessions.listeningStarted();
            opsWakeUps.tryEmitNext(heard);
        } else if (heard instanceof Lost) {
            sessions.listeningLost();
        }
    }

    @Override
    public void stop() {
        Disposable current = listening;
        if (current != null) {
            current.dispose();
        }
        sessions.listeningLost();
        listening = null;
    }

    @Override
    public boolean isRunning() {
        return listening != null;
    }

    /** Before the ops stream's runner (phase 0), so that its first wake-up finds a subscriber more often than not. */
    @Override
    public int getPhase() {
        return -1;
    }
}
