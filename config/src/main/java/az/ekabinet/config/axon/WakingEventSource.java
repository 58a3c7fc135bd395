package az.ekabinet.config.axon;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event store as the streaming processors' source, with streams that say when events are there.
 *
 * <p>Why: a pooled streaming processor that finds no event waits to be told, through its stream's availability
 * callback, or else looks again after 500 ms; the embedded event store's streams have no callback, so every
 * projection lagged by a quarter of a second on average and by half a second often. Here one watcher thread follows
 * the store like any processor (the store wakes its readers as soon as it has read committed events) and on each
 * new event calls every open stream's callback: the processors take the event at once.
 *
 * <p>If the watcher ever fails, it opens its stream again; meanwhile the processors still look again on their own
 * (every few seconds), so a lost wake-up delays, never loses, an event.
 */
final class WakingEventSource implements StreamableMessageSource<TrackedEventMessage<?>>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WakingEventSource.class);

    private final EventStore store;
    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
    private volatile Thread watcher;
    private volatile boolean closed;

    WakingEventSource(EventStore store) {
        this.store = store;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        startWatching();
        return new WakingStream(store.openStream(token));
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return store.createTokenSince(duration);
    }

    private synchronized void startWatching() {
        if (watcher == null && !closed) {
            watcher = new Thread(this::watch, "event-store-watcher");
            watcher.setDaemon(true);
            watcher.start();
        }
    }

    private void watch() {
        while (!closed) {
            try (BlockingStream<TrackedEventMessage<?>> stream = store.openStream(store.createHeadToken())) {
                while (!closed) {
                    if (stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                        while (stream.hasNextAvailable()) {
                            stream.nextAvailable(); // its payload is never read: no deserialization
                        }
                        callbacks.forEach(Runnable::run);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Watching the event store failed; the processors poll until it watches again", e);
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread running = watcher;
        if (running != null) {
            running.interrupt();
        }
    }

    /** The store's stream, plus the callback the processor asks for. */
    private final class WakingStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private volatile Runnable callback;

        private WakingStream(BlockingStream<TrackedEventMessage<?>> delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            Runnable previous = this.callback;
            if (previous != null) {
                callbacks.remove(previous);
            }
            this.callback = callback;
            callbacks.add(callback);
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            Runnable registered = callback;
            if (registered != null) {
                callbacks.remove(registered);
            }
            delegate.close();
        }
    }
}
