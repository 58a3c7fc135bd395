package az.ekabinet.config.database;

import az.ekabinet.command.auth.session.SessionCache;
import az.ekabinet.command.auth.session.SessionStore;
import az.ekabinet.projection.exam.ExamApplicationProjector;
import az.ekabinet.projection.exam.ExamResultProjector;
import az.ekabinet.query.exam.application.ApplicationStatusUpdates;
import az.ekabinet.query.exam.result.ResultPublicationAlarms;
import az.ekabinet.query.plumbing.PostgresNotifications;
import az.ekabinet.query.plumbing.PostgresNotifications.Heard;
import az.ekabinet.query.plumbing.PostgresNotifications.Listening;
import az.ekabinet.query.plumbing.PostgresNotifications.Lost;
import az.ekabinet.query.plumbing.PostgresNotifications.Notified;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * This node's one listening connection to PostgreSQL, for every channel it listens on: the commits that wake the ops
 * stream's tail ({@value #EVENTS_APPENDED_CHANNEL}), session revocations ({@link SessionStore#REVOCATIONS_CHANNEL}) and
 * application status changes for the status streams ({@link ExamApplicationProjector#STATUS_CHANNEL}) and result
 * publication instants set ({@link ExamResultProjector#PUBLICATION_CHANNEL}).
 * One connection for all, since PostgreSQL wakes every listening backend at each notification (see
 * {@link PostgresNotifications}): a second one cost the database a transaction per command. It also sends the
 * session cache's heartbeat through the pool, which proves that this node hears what is notified.
 */
@Component
public class NodeNotifications implements SmartLifecycle {

    /**
     * Notified at the commit of every transaction that appends events, by the event table's trigger (migration
     * {@code V21__events_appended_notify.sql}): the ops tail's wake-up.
     */
    public static final String EVENTS_APPENDED_CHANNEL = "ekabinet_ops";

    private static final Logger log = LoggerFactory.getLogger(NodeNotifications.class);

    private final PostgresNotifications notifications;
    private final SessionCache sessions;
    private final ApplicationStatusUpdates statuses;
    private final ResultPublicationAlarms publications;
    private final DatabaseClient db;
    private final Clock clock;
    /** Wake-ups only: one dropped while nobody listens, or while the tail is busy, is made up by its next read. */
    private final Sinks.Many<Object> opsWakeUps = Sinks.many().multicast().directBestEffort();
    private volatile Disposable running;

    public NodeNotifications(ConnectionFactory connectionFactory, SessionCache sessions,
                             ApplicationStatusUpdates statuses, ResultPublicationAlarms publications,
                             DatabaseClient db, Clock clock) {
        this.notifications = new PostgresNotifications(connectionFactory,
                List.of(EVENTS_APPENDED_CHANNEL, SessionStore.REVOCATIONS_CHANNEL,
                        ExamApplicationProjector.STATUS_CHANNEL, ExamResultProjector.PUBLICATION_CHANNEL));
        this.sessions = sessions;
        this.statuses = statuses;
        this.publications = publications;
        this.db = db;
        this.clock = clock;
    }

    /** A wake-up for the ops tail each time listening starts and at each commit anywhere. */
    public Flux<Object> opsWakeUps() {
        return opsWakeUps.asFlux();
    }

    @Override
    public void start() {
        // off the connection's event loop; whatever ends the subscription, the session cache stops serving
        Disposable listening = notifications.heard()
                .doFinally(signal -> sessions.listeningLost())
                .publishOn(Schedulers.boundedElastic())
                .subscribe(this::dispatch, failure -> {
                    sessions.listeningLost();
                    log.error("Listening for notifications stopped; sessions are read from the table from now on",
                            failure);
                });
        running = sessions.enabled() ? Disposables.composite(listening, heartbeats()) : listening;
    }

    /** This node's heartbeat, sent through the pool, and the sweep of used-up sessions, every second. */
    private Disposable heartbeats() {
        return Flux.interval(SessionCache.HEARTBEAT_EVERY)
                .onBackpressureDrop()
                .concatMap(tick -> db.sql("SELECT pg_notify(:channel, :payload)")
                        .bind("channel", SessionStore.REVOCATIONS_CHANNEL)
                        .bind("payload", sessions.heartbeatPayload())
                        .then()
                        .onErrorResume(e -> Mono.empty()) // unheard, the cache stops serving: what a failure should do
                        .then(Mono.fromRunnable(() -> sessions.sweep(clock.instant()))
                                .subscribeOn(Schedulers.boundedElastic())), 1)
                .subscribe();
    }

    private void dispatch(Heard heard) {
        try {
            if (heard instanceof Notified notified) {
                dispatch(notified);
            } else if (heard instanceof Listening) {
                sessions.listeningStarted();
                opsWakeUps.tryEmitNext(heard);
                inBackground(statuses.readAgain(), "Status streams could not read their statuses again");
                inBackground(publications.reset(), "The result publication alarms could not be set");
            } else if (heard instanceof Lost) {
                sessions.listeningLost();
            }
        } catch (RuntimeException e) {
            // never leave the cache serving on a state it failed to update
            sessions.forgetAll();
            log.error("Handling a notification failed; the session cache starts empty", e);
        }
    }

    private void dispatch(Notified notified) {
        switch (notified.channel()) {
            case SessionStore.REVOCATIONS_CHANNEL -> sessions.onNotification(notified.payload());
            case ExamApplicationProjector.STATUS_CHANNEL -> {
                try {
                    statuses.changed(notified.payload());
                } catch (RuntimeException e) {
                    log.error("A status change could not be passed on to the status streams: {}", notified.payload(),
                            e);
                }
            }
            case ExamResultProjector.PUBLICATION_CHANNEL ->
                    inBackground(publications.reset(), "The result publication alarms could not be set");
            default -> opsWakeUps.tryEmitNext(notified);
        }
    }

    private static void inBackground(Mono<Void> work, String failure) {
        work.subscribe(null, e -> log.warn(failure, e));
    }

    @Override
    public void stop() {
        Disposable current = running;
        running = null;
        if (current != null) {
            current.dispose();
        }
        sessions.listeningLost();
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }

    /** Before the ops stream's runner (phase 0), which asks for its wake-ups when it starts. */
    @Override
    public int getPhase() {
        return -1;
    }
}
