package az.ekabinet.config.plumbing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import az.ekabinet.it.support.IntegrationTest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A processor's wait for new events ends, with none, as soon as the source releases the waits: a tracking processor
 * being shut down (for an administrator's replay) then stops at once instead of after its wait of up to a second.
 * (In this package for the source's package-private views.)
 */
@IntegrationTest
class ReleasedWaitIT {

    @Autowired
    Configuration axon;

    @Test
    void aStreamWaitingForEventsStopsWaitingWhenReleased() throws Exception {
        WakingEventSource source = axon.getComponent(WakingEventSource.class);
        StreamableMessageSource<TrackedEventMessage<?>> background = source.inBackground();
        try (BlockingStream<TrackedEventMessage<?>> stream = background.openStream(background.createHeadToken())) {
            CompletableFuture<Boolean> available = new CompletableFuture<>();
            Thread waiting = new Thread(() -> {
                try {
                    available.complete(stream.hasNextAvailable(60, TimeUnit.SECONDS));
                } catch (Throwable e) {
                    available.completeExceptionally(e);
                }
            }, "waiting-for-events");
            waiting.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> waiting.getState() == Thread.State.TIMED_WAITING);

            source.releaseWaiting();

            // nothing was committed meanwhile: the wait ended with no event, long before its 60 s
            assertThat(available.get(10, TimeUnit.SECONDS)).isFalse();
        }
    }

    /** A release that comes while the processor is busy between two waits ends its next wait. */
    @Test
    void aReleaseBetweenTwoWaitsEndsTheNext() throws Exception {
        WakingEventSource source = axon.getComponent(WakingEventSource.class);
        StreamableMessageSource<TrackedEventMessage<?>> background = source.inBackground();
        try (BlockingStream<TrackedEventMessage<?>> stream = background.openStream(background.createHeadToken())) {
            source.releaseWaiting();

            CompletableFuture<Boolean> available = CompletableFuture.supplyAsync(() -> {
                try {
                    return stream.hasNextAvailable(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(available.get(10, TimeUnit.SECONDS)).isFalse();
        }
    }
}
