package az.ekabinet.config.plumbing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.RepositorySpanFactory;

/**
 * Axon's caching event-sourcing repository, with every cached aggregate brought up to the event store before a
 * command uses it: the events stored after the cached copy's version (appended by another node) are read and applied,
 * in the command's own transaction, under the aggregate's lock. Every command thus decides on the latest committed
 * state, a refusal or a "nothing changed" as much as an append: a copy behind the store would refuse a transfer for
 * want of money another node credited, or an incomplete application another node completed, and such a refusal
 * appends nothing, so the event store's unique key would never catch it.
 *
 * <p>The check costs one indexed read that finds nothing unless another node moved the aggregate on; the cache still
 * saves what it is for, reading and deserializing the whole history. An event committed after the check makes this
 * command's append collide on the unique (aggregate, sequence) key; the unit of work rolls back, the entry is evicted
 * and the dispatcher's retry loads the aggregate afresh. A notification that evicts entries would not do: it arrives
 * after the other node's commit, so a command here could decide in between.
 */
public final class StoreCheckedCachingRepository<T> extends CachingEventSourcingRepository<T> {

    private final Cache cache;
    private final EventStore events;
    private final Counter current;
    private final Counter behind;

    private StoreCheckedCachingRepository(EventSourcingRepository.Builder<T> builder, Cache cache, EventStore events,
                                          MeterRegistry meters, Class<T> type) {
        super(builder);
        this.cache = cache;
        this.events = events;
        String name = "ekabinet_aggregate_cache_checks";
        this.current = Counter.builder(name).description("cached aggregates checked against the event store")
                .tag("type", type.getSimpleName()).tag("result", "current").register(meters);
        this.behind = Counter.builder(name).description("cached aggregates checked against the event store")
                .tag("type", type.getSimpleName()).tag("result", "behind").register(meters);
    }

    /**
     * The repository Axon's aggregate configurer would build for {@code type}, with this check, {@code cache} and
     * {@code locks}.
     */
    public static <T> StoreCheckedCachingRepository<T> of(Class<T> type, Configuration config, AggregateFactory<T> factory,
                                                   Cache cache, LockFactory locks, MeterRegistry meters) {
        EventSourcingRepository.Builder<T> builder = EventSourcingRepository.builder(type)
                .aggregateFactory(factory)
                .lockFactory(locks)
                .eventStore(config.eventStore())
                .parameterResolverFactory(config.parameterResolverFactory())
                .handlerDefinition(config.handlerDefinition(type))
                .repositoryProvider(config::repository)
                .spanFactory(config.getComponent(RepositorySpanFactory.class))
                .cache(cache);
        return new StoreCheckedCachingRepository<>(builder, cache, config.eventStore(), meters, type);
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        boolean cached = cache.containsKey(aggregateIdentifier);
        EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        if (cached) {
            // evicted since containsKey, the aggregate came from the store and this finds nothing more
            Long version = aggregate.version();
            DomainEventStream newer = events.readEvents(aggregateIdentifier, version == null ? 0 : version + 1);
            if (newer.hasNext()) {
                aggregate.initializeState(newer);
                behind.increment();
            } else {
                current.increment();
            }
        }
        return aggregate;
    }
}
