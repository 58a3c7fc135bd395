package az.ekabinet.query.ops;

import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Follows the event store in global-index order and publishes the activities operators see to the node's
 * {@link OpsFeed}. It reads {@code domainevententry WHERE globalindex > position} when woken — by a PostgreSQL
 * notification from any node's committing transaction, or by the poll interval, a safety net — and reads the events
 * a reconnecting subscriber missed with the same mapping.
 *
 * <p>Holes: a global index is taken when a transaction inserts its event, so a later index may be committed (and
 * read) before an earlier one, and a rolled-back transaction leaves a hole that never fills. The tail publishes in
 * index order only: at a hole it holds back what follows until the hole fills, or until it is sure it never will —
 * no transaction that was running when the hole was seen still runs (PostgreSQL's snapshot xmin has passed the
 * xmax of the snapshot the hole was seen in) and {@code gapMinWait} has passed (an insert takes its index an instant
 * before its transaction id) — or, whatever runs, after {@code gapMaxWait}. An event committed later than that is
 * not shown live (the counters still count it). This keeps SSE ids increasing, so Last-Event-ID is a sound resume
 * point.
 */
public class EventStoreTail {

    private static final Logger log = LoggerFactory.getLogger(EventStoreTail.class);

    private static final String NEW_EVENTS = """
            SELECT globalindex, payloadtype, payloadrevision, timestamp,
                   CASE WHEN payloadtype = ANY(:types) THEN payload END AS payload,
                   pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS running_from,
                   pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS running_until
            FROM domainevententry WHERE globalindex > :after ORDER BY globalindex LIMIT :limit""";
    private static final String MISSED_EVENTS = """
            SELECT globalindex, payloadtype, payloadrevision, timestamp, payload,
                   0::bigint AS running_from, 0::bigint AS running_until
            FROM domainevententry WHERE globalindex > :after AND globalindex <= :upTo AND payloadtype = ANY(:types)
            ORDER BY globalindex LIMIT :limit""";
    private static final Duration HOLE_RECHECK = Duration.ofMillis(100);

    private enum Step { CAUGHT_UP, MORE, HOLD }

    private record Hole(long index, long seenAtNanos, long runningUntil) {
    }

    private final DatabaseClient db;
    private final OpsActivities activities;
    private final Scheduler scheduler;
    private final OpsProperties properties;
    private Hole hole; // only touched on the scheduler's thread

    /** @param scheduler one thread: where the tail publishes (and nothing else publishes to the feed elsewhere) */
    public EventStoreTail(DatabaseClient db, OpsActivities activities, Scheduler scheduler, OpsProperties properties) {
        this.db = db;
        this.activities = activities;
        this.scheduler = scheduler;
        this.properties = properties;
    }

    /** The event store's head now: where a starting node begins (what came before is history). */
    public Mono<Long> head() {
        return db.sql("SELECT coalesce(max(globalindex), 0) AS head FROM domainevententry")
                .map(row -> row.get("head", Long.class)).one();
    }

    /**
     * Runs until disposed: catches up on each wake-up, then lets {@code readInterval} pass; the wake-ups arriving
     * during a read and that pause make one more read (a commit's notification otherwise cost a query per commit).
     */
    public Flux<Void> follow(Flux<?> wakeUps, OpsFeed feed) {
        return Flux.merge(wakeUps, Flux.interval(properties.pollInterval(), properties.pollInterval()))
                .onBackpressureLatest()
                .concatMap(wakeUp -> catchUp(feed).onErrorResume(e -> {
                    log.warn("Reading the event store for the ops stream failed (retried on the next wake-up): {}",
                            e.toString());
                    return Mono.empty();
                }).then(Mono.delay(properties.readInterval(), scheduler)).then(), 1);
    }

    /** Activities in (after, upTo], in order, read page by page as the subscriber takes them. */
    public Flux<OpsActivity> missed(long after, long upTo) {
        return missedPage(after, upTo)
                .expand(page -> page.size() < properties.pageSize() ? Mono.empty()
                        : missedPage(page.get(page.size() - 1).index(), upTo))
                .concatMapIterable(page -> page)
                .concatMap(stored -> Mono.justOrEmpty(activities.of(stored)));
    }

    private Mono<List<StoredEvent>> missedPage(long after, long upTo) {
        return db.sql(MISSED_EVENTS).bind("after", after).bind("upTo", upTo).bind("types", activities.types())
                .bind("limit", properties.pageSize())
                .map(EventStoreTail::stored).all().collectList();
    }

    Mono<Void> catchUp(OpsFeed feed) {
        return readNew(feed)
                .expand(step -> switch (step) {
                    case MORE -> readNew(feed);
                    case HOLD -> Mono.delay(HOLE_RECHECK, scheduler).then(readNew(feed));
                    case CAUGHT_UP -> Mono.<Step>empty();
                })
                .then();
    }

    private Mono<Step> readNew(OpsFeed feed) {
        return Mono.defer(() -> db.sql(NEW_EVENTS).bind("types", activities.types()).bind("after", feed.position())
                        .bind("limit", properties.pageSize())
                        .map(EventStoreTail::stored).all().collectList())
                .publishOn(scheduler)
                .map(page -> publish(page, feed));
    }

    private Step publish(List<StoredEvent> page, OpsFeed feed) {
        long now = System.nanoTime();
        for (StoredEvent event : page) {
            long expected = feed.position() + 1;
            if (event.index() < expected) {
                continue;
            }
            if (event.index() > expected && !neverFills(expected, event, now)) {
                return Step.HOLD;
            }
            hole = null;
            feed.advanceTo(event.index());
            activities.of(event).ifPresent(feed::publish);
        }
        return page.size() == properties.pageSize() ? Step.MORE : Step.CAUGHT_UP;
    }

    /** Whether the hole from {@code index} up to the event read after it can be passed (see the class comment). */
    private boolean neverFills(long index, StoredEvent after, long now) {
        if (hole == null || hole.index() != index) {
            hole = new Hole(index, now, after.runningUntil());
        }
        Duration waited = Duration.ofNanos(now - hole.seenAtNanos());
        boolean writersDone = after.runningFrom() >= hole.runningUntil();
        boolean passed = writersDone && waited.compareTo(properties.gapMinWait()) >= 0
                || waited.compareTo(properties.gapMaxWait()) >= 0;
        if (passed && !writersDone) {
            log.warn("Ops stream: global index {} still missing after {}; events committed later are not shown live",
                    index, properties.gapMaxWait());
        }
        return passed;
    }

    private static StoredEvent stored(Readable row) {
        return new StoredEvent(row.get("globalindex", Long.class), row.get("payloadtype", String.class),
                row.get("payloadrevision", String.class), Instant.parse(row.get("timestamp", String.class)),
                row.get("payload", byte[].class), row.get("running_from", Long.class),
                row.get("running_until", Long.class));
    }
}
