package az.ekabinet.config.plumbing;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * Axon's embedded event store that also tells, after each commit that appended events in this process, whoever
 * listens: the streaming processors' {@link WakingEventSource} reads the new events at once instead of polling.
 */
public final class SignallingEventStore extends EmbeddedEventStore {

    private final Set<Runnable> committedListeners = new CopyOnWriteArraySet<>();

    public SignallingEventStore(Builder builder) {
        super(builder);
    }

    EventStorageEngine engine() {
        return storageEngine();
    }

    void onCommitted(Runnable listener) {
        committedListeners.add(listener);
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        super.afterCommit(events);
        committedListeners.forEach(Runnable::run);
    }
}
