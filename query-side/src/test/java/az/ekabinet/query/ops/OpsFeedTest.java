package az.ekabinet.query.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class OpsFeedTest {

    /** The event store as the feed reads it on a resume: activities 1..20. */
    private static final List<OpsActivity> STORED = LongStream.rangeClosed(1, 20).mapToObj(OpsFeedTest::activity).toList();

    private final OpsFeed feed = new OpsFeed(4, (after, upTo) -> Flux.fromIterable(STORED)
            .filter(a -> a.id() > after && a.id() <= upTo));

    private static OpsActivity activity(long id) {
        return new OpsActivity(id, "PaymentCodeRedeemed", Instant.EPOCH, "1.00", null, null, null, null, null);
    }

    private void publishUpTo(long id) {
        for (long next = feed.position() + 1; next <= id; next++) {
            feed.advanceTo(next);
            feed.publish(activity(next));
        }
    }

    @Test
    void aSubscriberThatTakesNothingIsCutOffWhileTheOthersGetEverything() {
        AtomicReference<Throwable> stuckEnd = new AtomicReference<>();
        feed.subscribe(null).subscribe(new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                // never requests anything: a client that does not read
            }

            @Override
            protected void hookOnError(Throwable failure) {
                stuckEnd.set(failure);
            }
        });

        StepVerifier.create(feed.subscribe(null).take(10))
                .then(() -> publishUpTo(10))
                .expectNextCount(10)
                .verifyComplete();

        assertThat(stuckEnd.get()).as("the stuck subscriber was cut off").isInstanceOf(OpsFeed.SlowSubscriberException.class);
        assertThat(feed.cutOff()).isEqualTo(1);
        assertThat(feed.subscribers()).isZero();
    }

    @Test
    void aSubscriberThatFallsBehindWhileCatchingUpReadsOnFromTheStoreAndMissesNothing() {
        Sinks.Empty<Void> storeAnswers = Sinks.empty();
        var slowStore = new OpsFeed(4, (after, upTo) -> storeAnswers.asMono().thenMany(Flux.fromIterable(STORED)
                .filter(a -> a.id() > after && a.id() <= upTo)));
        slowStore.advanceTo(5);
        StepVerifier.create(slowStore.subscribe(1L).map(m -> ((OpsActivity) m).id()).take(19))
                .then(() -> {
                    for (long id = 6; id <= 20; id++) { // more than its mailbox holds while the store is read
                        slowStore.advanceTo(id);
                        slowStore.publish(activity(id));
                    }
                    storeAnswers.tryEmitEmpty();
                })
                .expectNextSequence(LongStream.rangeClosed(2, 20).boxed().toList())
                .verifyComplete();
        assertThat(slowStore.cutOff()).isZero();
    }

    @Test
    void aResumeGetsTheMissedActivitiesFromTheStoreThenLiveOnesWithoutDuplicates() {
        publishUpTo(5);
        StepVerifier.create(feed.subscribe(2L).map(m -> ((OpsActivity) m).id()).take(5))
                .expectNext(3L, 4L, 5L)
                .then(() -> publishUpTo(7))
                .expectNext(6L, 7L)
                .verifyComplete();
    }

    @Test
    void aClientAheadOfThisNodeGetsOnlyWhatItHasNotSeen() {
        publishUpTo(5);
        StepVerifier.create(feed.subscribe(7L).map(m -> ((OpsActivity) m).id()).take(2))
                .then(() -> publishUpTo(9))
                .expectNext(8L, 9L)
                .verifyComplete();
    }

    @Test
    void aNewSubscriberGetsTheLatestCountersFirst() {
        var counters = new OpsCounters(Instant.EPOCH, 1, null, null, null, 0, null, List.of(), List.of(), 5, List.of());
        feed.publishCounters(counters);
        publishUpTo(5);
        StepVerifier.create(feed.subscribe(null).take(2))
                .expectNext(counters)
                .then(() -> publishUpTo(6))
                .expectNext(activity(6))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }
}
