package az.ekabinet.query.ops;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Runs a node's ops stream from start-up (before the web server takes requests) to shutdown: the event-store tail,
 * woken by PostgreSQL notifications, and the counters on their schedule, both publishing to the feed on one thread.
 */
public class OpsFeedRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OpsFeedRunner.class);

    private final OpsFeed feed;
    private final EventStoreTail tail;
    private final OpsCountersReader counters;
    private final Flux<?> wakeUps;
    private final Scheduler scheduler;
    private final Duration countersInterval;
    private volatile Disposable running;

    public OpsFeedRunner(OpsFeed feed, EventStoreTail tail, OpsCountersReader counters,
                         Flux<?> wakeUps, Scheduler scheduler, Duration countersInterval) {
        this.feed = feed;
        this.tail = tail;
        this.counters = counters;
        this.wakeUps = wakeUps;
        this.scheduler = scheduler;
        this.countersInterval = countersInterval;
    }

    @Override
    public void start() {
        feed.advanceTo(tail.head().block(Duration.ofSeconds(30)));
        Flux<OpsCounters> readings = Flux.interval(Duration.ZERO, countersInterval)
                .onBackpressureDrop()
                .concatMap(tick -> counters.read().publishOn(scheduler).doOnNext(feed::publishCounters)
                        .onErrorResume(e -> {
                            log.warn("Reading the ops counters failed (tried again in {}): {}", countersInterval,
                                    e.toString());
                            return Mono.empty();
                        }), 1);
        // one read right after subscribing: a commit between the head's read and the subscription is not missed
        running = Mono.when(tail.follow(Flux.<Object>just("started").concatWith(wakeUps), feed), readings).subscribe();
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }

    /** Early: the feed knows where the event store is before the first subscriber comes. */
    @Override
    public int getPhase() {
        return 0;
    }
}
