package az.ekabinet.config.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import az.ekabinet.it.support.IntegrationTest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Loading an aggregate from the store reads its events in ranges of the batch size, and stops at the first range
 * that is not full, instead of reading one more, empty range every time; it looks for no snapshot first (none is
 * ever taken). The engine under test is the service's,
 * with ranges of two events so that streams span several.
 */
@IntegrationTest
class AggregateEventReadsIT {

    static final int BATCH = 2;

    @Autowired
    Serializer serializer;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @Autowired
    PersistenceExceptionResolver persistenceExceptionResolver;
    @Autowired
    Configuration axon;
    @Autowired
    ConnectionProvider connections;
    @Autowired
    TransactionManager transactions;

    final AtomicInteger fetches = new AtomicInteger();
    EventStorageEngine engine;

    @BeforeEach
    void engineReadingTwoEventsAtATime() {
        ConnectionProvider counting = () -> {
            fetches.incrementAndGet();
            return connections.getConnection();
        };
        engine = new AxonInfrastructure().eventStorageEngine(serializer, eventSerializer, persistenceExceptionResolver,
                axon, counting, transactions, new AxonSettings(60_000, BATCH, 1_000, 200, 100, 2, 2_000, 10_000, 4_000,
                        new AxonSettings.AggregateCache(10_000, java.time.Duration.ofMinutes(10))));
    }

    @Test
    void aStreamEndsAtItsFirstShortRange() {
        String aggregate = stored(5);

        assertThat(read(aggregate)).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(fetches).as("[0,2) [2,4) [4,6): the last had one event").hasValue(3);
    }

    @Test
    void aStreamOfWholeRangesEndsAtTheEmptyOneAfter() {
        String aggregate = stored(4);

        assertThat(read(aggregate)).containsExactly(0L, 1L, 2L, 3L);
        assertThat(fetches).hasValue(3);
    }

    @Test
    void anUnknownAggregateIsOneRead() {
        assertThat(read("never-stored-" + UUID.randomUUID())).isEmpty();
        assertThat(fetches).hasValue(1);
    }

    @Test
    void aLoadThroughTheEventStoreLooksForNoSnapshot() {
        String aggregate = stored(1);
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();
        try {
            fetches.set(0);
            assertThat(store.readEvents(aggregate).asStream().map(DomainEventMessage::getSequenceNumber))
                    .containsExactly(0L);
            assertThat(fetches).as("the events' one range, no snapshot lookup").hasValue(1);
        } finally {
            store.shutDown();
        }
    }

    @Test
    void aSnapshotIsRefusedRatherThanStoredUnread() {
        String aggregate = stored(1);
        var snapshot = new GenericDomainEventMessage<>("ReadsTest", aggregate, 0, "state");

        assertThatThrownBy(() -> engine.storeSnapshot(snapshot)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(engine.readSnapshot(aggregate)).isEmpty();
    }

    private String stored(int events) {
        String aggregate = "reads-" + UUID.randomUUID();
        engine.appendEvents(IntStream.range(0, events)
                .mapToObj(i -> new GenericDomainEventMessage<>("ReadsTest", aggregate, i, "event " + i))
                .toList());
        return aggregate;
    }

    private List<Long> read(String aggregate) {
        fetches.set(0);
        return engine.readEvents(aggregate, 0).asStream().map(DomainEventMessage::getSequenceNumber).toList();
    }
}
