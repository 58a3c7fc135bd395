package az.ekabinet.config.axon;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The streaming processors' source: each processor's stream reads the event table itself, a batch at a time, and
 * is woken, through the availability callback pooled streaming processors ask for, when this process commits events
 * and once every poll interval (for events other nodes commit).
 *
 * <p>Why not Axon's embedded event store: its streams have no availability callback, so a processor that found no
 * event looked again only after 500 ms (projections lagged by a quarter of a second on average); and its one reading
 * thread runs ahead of all processors into a shared cache that a lagging processor keeps in memory (a million events
 * arriving at once filled the heap). Here each stream holds at most one batch, and a commit is visible to it at once.
 */
final class WakingEventSource implements StreamableMessageSource<TrackedEventMessage<?>>, AutoCloseable {

    private final EventStorageEngine storage;
    private final int batchSize;
    private final long pollNanos;
    private final Set<WakingStream> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("event-source-poll-"));

    WakingEventSource(SignallingEventStore store, int batchSize, Duration pollInterval) {
        this.storage = store.engine();
        this.batchSize = batchSize;
        this.pollNanos = pollInterval.toNanos();
        store.onCommitted(this::wakeAll);
        ticker.scheduleWithFixedDelay(this::wakeAll, pollNanos, pollNanos, TimeUnit.NANOSECONDS);
    }

    private void wakeAll() {
        streams.forEach(WakingStream::wake);
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        WakingStream stream = new WakingStream(token);
        streams.add(stream);
        return stream;
    }

    @Override
    public TrackingToken createTailToken() {
        return storage.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return storage.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return storage.createTokenAt(dateTime);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }

    /** One processor's stream; used by that processor's coordinator thread only, woken from any thread. */
    private final class WakingStream implements BlockingStream<TrackedEventMessage<?>> {

        private final Deque<TrackedEventMessage<?>> buffer = new ArrayDeque<>();
        private final Object monitor = new Object();
        private TrackingToken position;
        private volatile long wakes;
        private long wakesSeen = -1;
        private long reachedHeadAt;
        private volatile Runnable callback;

        private WakingStream(TrackingToken position) {
            this.position = position;
        }

        void wake() {
            synchronized (monitor) {
                wakes++;
                monitor.notifyAll();
            }
            Runnable onAvailable = callback;
            if (onAvailable != null) {
                onAvailable.run();
            }
        }

        /**
         * Reads the next batch into the buffer, unless the last read reached the newest event and nothing happened
         * since (no wake-up, poll interval not over): then asking again is free, which the processors do after every
         * batch.
         */
        private boolean read() {
            long seen = wakes;
            if (seen == wakesSeen && reachedHeadAt != 0 && System.nanoTime() - reachedHeadAt < pollNanos) {
                return false;
            }
            wakesSeen = seen;
            try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(position, false)) {
                events.limit(batchSize).forEachOrdered(buffer::add);
            }
            if (buffer.isEmpty()) {
                reachedHeadAt = System.nanoTime();
                return false;
            }
            // A full batch may have more right behind it. A shorter one ended because the engine's own reading
            // found nothing more (its empty fetch includes its look past a hole wider than a batch): reading again
            // before the next commit's wake-up would only repeat that empty fetch, two queries for each processor
            // after each commit.
            reachedHeadAt = buffer.size() < batchSize ? System.nanoTime() : 0;
            position = buffer.peekLast().trackingToken();
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            if (buffer.isEmpty()) {
                read();
            }
            return Optional.ofNullable(buffer.peekFirst());
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (true) {
                if (!buffer.isEmpty() || read()) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                synchronized (monitor) {
                    if (wakes == wakesSeen) {
                        TimeUnit.NANOSECONDS.timedWait(monitor, Math.min(left, pollNanos));
                    }
                }
            }
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable(1, TimeUnit.SECONDS)) {
                // wait until the store has an event
            }
            return buffer.pollFirst();
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            this.callback = callback;
            return true;
        }

        @Override
        public void close() {
            streams.remove(this);
            buffer.clear();
        }
    }
}
