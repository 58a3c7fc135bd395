package az.ekabinet.query.exam.result;

import az.ekabinet.query.exam.application.ApplicationStatusUpdates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A result's publication is an instant, which no transaction announces when it comes: each node sets an alarm for
 * every publication instant still ahead, and when one goes off, the status streams open on the node read their
 * status again (those with a result see RESULT_PUBLISHED). The alarms are set again from the read model whenever
 * an instant is set on any node (announced at commit) and whenever the node listens again, so a node that missed
 * an announcement still rings on time. The alarms only wake streams: the status itself is always read from the
 * database.
 */
@Component
public class ResultPublicationAlarms {

    private static final Logger log = LoggerFactory.getLogger(ResultPublicationAlarms.class);

    private final DatabaseClient db;
    private final Clock clock;
    private final ApplicationStatusUpdates statuses;
    private final Disposable.Swap alarms = Disposables.swap();

    public ResultPublicationAlarms(DatabaseClient db, Clock clock, ApplicationStatusUpdates statuses) {
        this.db = db;
        this.clock = clock;
        this.statuses = statuses;
    }

    /** Sets the alarms again, for the publication instants still ahead as the read model has them now. */
    public Mono<Void> reset() {
        return db.sql("SELECT DISTINCT publish_at FROM readmodel.result_sheet WHERE publish_at > :now")
                .bind("now", clock.instant())
                .map((row, meta) -> row.get("publish_at", OffsetDateTime.class).toInstant())
                .all()
                .collectList()
                .doOnNext(instants -> alarms.update(ring(instants)))
                .then();
    }

    private Disposable ring(List<Instant> instants) {
        return Flux.fromIterable(instants)
                .flatMap(instant -> Mono.delay(Duration.between(clock.instant(), instant).plusMillis(1)))
                .concatMap(rang -> statuses.readAgain()
                        .onErrorResume(e -> {
                            log.warn("Status streams could not read their statuses at a publication instant", e);
                            return Mono.empty();
                        }))
                .subscribe();
    }
}
