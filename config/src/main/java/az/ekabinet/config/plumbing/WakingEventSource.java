package az.ekabinet.config.plumbing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The streaming processors' source: their streams read the event table a batch at a time and are woken, through the
 * availability callback pooled streaming processors ask for, when this process commits events and once every poll
 * interval (for events other nodes commit).
 *
 * <p>Streams that have got as far as the newest events share one read of what comes next ({@link SharedTail}): after
 * a commit the store is read once, not once per processor. A stream elsewhere (catching up, replaying) reads for
 * itself, and joins the shared read again when it reaches a position the shared read has passed.
 *
 * <p>Why not Axon's embedded event store: its streams have no availability callback, so a processor that found no
 * event looked again only after 500 ms (projections lagged by a quarter of a second on average); and its one reading
 * thread runs ahead of all processors into a shared cache that a lagging processor keeps in memory (a million events
 * arriving at once filled the heap). Here reading is done by the processors' own threads when they ask, the shared
 * events are a bounded window, and a commit is visible at once.
 */
public final class WakingEventSource implements AutoCloseable {

    private final EventStorageEngine storage;
    private final long pollNanos;
    private final int defaultBatchSize;
    private final Duration backgroundReadInterval;
    private final AtomicLong wakes = new AtomicLong();
    private final AtomicLong releases = new AtomicLong();
    private final Set<WakingStream> streams = ConcurrentHashMap.newKeySet();
    private final SharedTail tail;
    private final Counter sharedReads;
    private final Counter ownReads;
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("event-source-poll-"));

    /**
     * @param batchSize              most events a stream hands its processor unless asked otherwise, and most one
     *                               shared read takes (the window keeps one to two such batches for streams a little
     *                               behind)
     * @param backgroundReadInterval how often at most the streams of {@link #inBackground} read
     */
    public WakingEventSource(SignallingEventStore store, int batchSize, Duration pollInterval,
                      Duration backgroundReadInterval, MeterRegistry meters) {
        this.storage = store.engine();
        this.pollNanos = pollInterval.toNanos();
        this.defaultBatchSize = batchSize;
        this.backgroundReadInterval = backgroundReadInterval;
        this.tail = new SharedTail(batchSize);
        this.sharedReads = readCounter(meters, "shared");
        this.ownReads = readCounter(meters, "own");
        store.onCommitted(this::wakeAll);
        ticker.scheduleWithFixedDelay(this::wakeAll, pollNanos, pollNanos, TimeUnit.NANOSECONDS);
    }

    private static Counter readCounter(MeterRegistry meters, String kind) {
        return Counter.builder("ekabinet.event.source.reads")
                .description("reads of the event store by the streaming processors' streams: one shared by all "
                        + "streams at the newest events, or a stream's own")
                .tag("kind", kind)
                .register(meters);
    }

    private void wakeAll() {
        wakes.incrementAndGet();
        streams.forEach(WakingStream::wake);
    }

    /**
     * Ends every stream's wait for events with none: the current one, or else its next. A tracking processor being
     * shut down notices it only between waits, which last up to a second, and an administrator's replay waits for it
     * to stop. Every processor's stream is released, once: the others just ask again.
     */
    public void releaseWaiting() {
        releases.incrementAndGet();
        streams.forEach(WakingStream::wakeNow);
    }

    /** A source whose streams are woken at each commit and hand their processor a batch of the default size. */
    public StreamableMessageSource<TrackedEventMessage<?>> atOnce() {
        return new Source(defaultBatchSize, 0);
    }

    /**
     * A source whose streams read at most once per background read interval: a commit woken for sooner after the last
     * read is read with the commits that follow it, when the interval is over. For processors whose readers need no
     * sub-second freshness: under a steady load each of their transactions then takes several events, not one.
     */
    public StreamableMessageSource<TrackedEventMessage<?>> inBackground() {
        return inBackground(defaultBatchSize);
    }

    /** {@link #inBackground()}, handing the processor up to {@code batchSize} events at a time. */
    public StreamableMessageSource<TrackedEventMessage<?>> inBackground(int batchSize) {
        return new Source(batchSize, backgroundReadInterval.toNanos());
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }

    private final class Source implements StreamableMessageSource<TrackedEventMessage<?>> {

        private final int batchSize;
        private final long readIntervalNanos;

        private Source(int batchSize, long readIntervalNanos) {
            this.batchSize = batchSize;
            this.readIntervalNanos = readIntervalNanos;
        }

        @Override
        public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
            WakingStream stream = new WakingStream(token, batchSize, readIntervalNanos);
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
    }

    /** What a stream got from the shared read: events after its position, and whether they reach the newest. */
    private record Taken(List<TrackedEventMessage<?>> events, boolean atHead) {
    }

    /**
     * The newest events, read once for every stream at the same position. Positions are the events' own tracking
     * tokens, so a stream is "in" the window when its position equals the window's start or one of its events'
     * tokens: streams that took the same events hold equal tokens (gaps included). Reads happen under this object's
     * lock, on the thread of the processor that asked first; the others then find the events in the window.
     */
    private final class SharedTail {

        private final int batchSize;
        private final int capacity;
        private final List<TrackedEventMessage<?>> window = new ArrayList<>();
        private boolean seeded;
        private TrackingToken start;
        private TrackingToken end;
        private long wakesSeen = -1;
        private long reachedHeadAt;
        private long lastTakenAt;

        private SharedTail(int batchSize) {
            this.batchSize = batchSize;
            this.capacity = 2 * batchSize;
        }

        /** The events after {@code position}, reading the store once if everyone is at the end; null if not here. */
        synchronized Taken after(TrackingToken position, int max) {
            if (!seeded) {
                return null;
            }
            if (Objects.equals(position, end) && readIsDue()) {
                readMore();
            }
            List<TrackedEventMessage<?>> events = eventsAfter(position, max);
            if (events == null) {
                return null;
            }
            lastTakenAt = System.nanoTime();
            boolean atEnd = events.isEmpty() || Objects.equals(events.get(events.size() - 1).trackingToken(), end);
            // a commit since the last read may have added events: the stream must not wait for the next wake-up
            return new Taken(events, atEnd && reachedHeadAt != 0 && wakes.get() == wakesSeen);
        }

        /**
         * Lets a stream that read for itself up to the newest events become the shared read, if no stream has
         * taken from the window for two poll intervals (nobody follows it, e.g. after a replay moved everyone).
         */
        synchronized void offer(TrackingToken from, List<TrackedEventMessage<?>> events, long wakesBeforeRead) {
            if (seeded && System.nanoTime() - lastTakenAt < 2 * pollNanos) {
                return;
            }
            window.clear();
            seeded = true;
            start = from;
            end = events.isEmpty() ? from : events.get(events.size() - 1).trackingToken();
            events.forEach(this::append);
            wakesSeen = wakesBeforeRead;
            reachedHeadAt = System.nanoTime();
            lastTakenAt = reachedHeadAt;
        }

        private boolean readIsDue() {
            return wakes.get() != wakesSeen || reachedHeadAt == 0 || System.nanoTime() - reachedHeadAt >= pollNanos;
        }

        private void readMore() {
            wakesSeen = wakes.get();
            List<TrackedEventMessage<?>> read = readFrom(storage, end, batchSize);
            sharedReads.increment();
            read.forEach(this::append);
            if (!read.isEmpty()) {
                end = read.get(read.size() - 1).trackingToken();
            }
            // a shorter batch than asked for ended because the store had nothing more (see readFrom)
            reachedHeadAt = read.size() < batchSize ? System.nanoTime() : 0;
        }

        /** Keeps between one and two batches: trimming a batch at a time keeps appending cheap. */
        private void append(TrackedEventMessage<?> event) {
            window.add(event);
            if (window.size() > capacity) {
                List<TrackedEventMessage<?>> dropped = window.subList(0, window.size() - batchSize);
                start = dropped.get(dropped.size() - 1).trackingToken();
                dropped.clear();
            }
        }

        private List<TrackedEventMessage<?>> eventsAfter(TrackingToken position, int max) {
            int from = -1;
            // newest first: streams ask near the end; with upcasting, several events share the last token
            for (int i = window.size() - 1; i >= 0 && from < 0; i--) {
                if (Objects.equals(window.get(i).trackingToken(), position)) {
                    from = i + 1;
                }
            }
            if (from < 0 && Objects.equals(position, start)) {
                from = 0;
            }
            return from < 0 ? null : List.copyOf(window.subList(from, Math.min(window.size(), from + max)));
        }
    }

    /**
     * Up to {@code max} events after {@code position}. Axon's engine reads on until a fetch comes back empty (that
     * fetch also looks past a hole wider than a batch), so fewer than {@code max} means there was nothing more.
     */
    private static List<TrackedEventMessage<?>> readFrom(EventStorageEngine storage, TrackingToken position,
                                                         int max) {
        List<TrackedEventMessage<?>> read = new ArrayList<>();
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(position, false)) {
            events.limit(max).forEachOrdered(read::add);
        }
        return read;
    }

    /** One processor's stream; used by that processor's coordinator thread only, woken from any thread. */
    private final class WakingStream implements BlockingStream<TrackedEventMessage<?>> {

        private final int batchSize;
        private final long readIntervalNanos;
        private final Deque<TrackedEventMessage<?>> buffer = new ArrayDeque<>();
        private final Object monitor = new Object();
        private final AtomicBoolean wakeDeferred = new AtomicBoolean();
        private TrackingToken position;
        private volatile long wakes;
        private long wakesSeen = -1;
        private long reachedHeadAt;
        private volatile long readAt = System.nanoTime() - Long.MAX_VALUE / 2; // as if long ago
        private volatile Runnable callback;
        private long releasesSeen = releases.get();

        private WakingStream(TrackingToken position, int batchSize, long readIntervalNanos) {
            this.position = position;
            this.batchSize = batchSize;
            this.readIntervalNanos = readIntervalNanos;
        }

        /** Wakes the stream, or, within its read interval, once when the interval is over. */
        void wake() {
            long early = readIntervalNanos - (System.nanoTime() - readAt);
            if (early <= 0) {
                wakeNow();
            } else if (wakeDeferred.compareAndSet(false, true)) {
                try {
                    ticker.schedule(() -> {
                        wakeDeferred.set(false);
                        wakeNow();
                    }, early, TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException closing) {
                    wakeDeferred.set(false);
                }
            }
        }

        void wakeNow() {
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
         * batch. A short batch means the newest event was reached: reading again before the next commit's wake-up
         * would only repeat the engine's empty fetch.
         */
        private boolean read() {
            long seen = wakes;
            if (seen == wakesSeen && reachedHeadAt != 0 && System.nanoTime() - reachedHeadAt < pollNanos) {
                return false;
            }
            wakesSeen = seen;
            readAt = System.nanoTime();
            Taken taken = tail.after(position, batchSize);
            if (taken == null) {
                taken = readOwn();
            }
            buffer.addAll(taken.events());
            reachedHeadAt = taken.atHead() ? System.nanoTime() : 0;
            if (buffer.isEmpty()) {
                return false;
            }
            position = buffer.peekLast().trackingToken();
            return true;
        }

        /** Reads for this stream alone; having reached the newest events, offers them as the shared read. */
        private Taken readOwn() {
            long wakesBefore = WakingEventSource.this.wakes.get();
            List<TrackedEventMessage<?>> read = readFrom(storage, position, batchSize);
            ownReads.increment();
            boolean atHead = read.size() < batchSize;
            if (atHead) {
                tail.offer(position, read, wakesBefore);
            }
            return new Taken(read, atHead);
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
                if (releases.get() != releasesSeen) { // also one that came between two waits
                    releasesSeen = releases.get();
                    return false;
                }
                synchronized (monitor) {
                    if (wakes == wakesSeen && releases.get() == releasesSeen) {
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
