package az.ekabinet.config.plumbing;

import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * The JDBC event store of aggregates that are never snapshotted. No aggregate here has a snapshot trigger: the one
 * loaded over and over (a wallet, an application) stays in memory ({@link AggregateCache}), and the others have a few
 * events each. Axon's engine still looks for a snapshot before every load from the store, one query each time (a
 * credit loads its payment code), and always finds none; this one does not look.
 *
 * <p>Storing a snapshot is refused, loudly, instead of writing one that no load would read: whoever gives an
 * aggregate a snapshot trigger must read snapshots again (build the plain {@link JdbcEventStorageEngine}).
 */
public final class UnsnapshottedEventStorageEngine extends JdbcEventStorageEngine {

    public UnsnapshottedEventStorageEngine(JdbcEventStorageEngine.Builder builder) {
        super(builder);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return Stream.empty();
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        throw new UnsupportedOperationException("Aggregates are not snapshotted here, and snapshots are never read: "
                + "refusing a snapshot of " + snapshot.getType() + " " + snapshot.getAggregateIdentifier());
    }
}
