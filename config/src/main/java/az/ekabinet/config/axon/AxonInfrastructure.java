package az.ekabinet.config.axon;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import az.ekabinet.config.cluster.ClusterNode;
import az.ekabinet.config.plumbing.SignallingEventStore;
import az.ekabinet.config.plumbing.StoredJson;
import az.ekabinet.config.plumbing.UnsnapshottedEventStorageEngine;
import az.ekabinet.config.plumbing.WakingEventSource;
import az.ekabinet.command.cabinet.password.CredentialWriter;
import az.ekabinet.projection.ledger.LedgerProjector;
import az.ekabinet.projection.ops.OpsCountersProjector;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.lifecycle.Phase;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.queryhandling.LoggingQueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryBusSpanFactory;
import org.axonframework.queryhandling.QueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Axon on PostgreSQL without Axon Server. Its known traps are handled here on purpose, each at its bean: stored
 * JSON from a private mapper, duplicate keys as concurrency failures, a generous gap timeout, no snapshot looked
 * for (all of them: docs/architecture.md, "Axon on PostgreSQL and WebFlux: the traps").
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class AxonInfrastructure {

    /** What Axon stores, as JSON: the domain's values in their stored forms (exam results as their lines). */
    static Serializer storedJson() {
        return StoredJson.serializer(StoredResultJson.module());
    }

    @Bean
    @Primary
    public Serializer serializer() {
        return storedJson();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return storedJson();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return storedJson();
    }

    /**
     * The query bus without the JDBC transaction Axon's default wraps around every query: query handlers here answer
     * over R2DBC, and a subscription query is started on a Netty thread, where taking a pooled JDBC connection would
     * block (BlockHound caught it).
     */
    @Bean
    @Qualifier("localSegment")
    public SimpleQueryBus queryBus(Configuration configuration) {
        return SimpleQueryBus.builder()
                .messageMonitor(configuration.messageMonitor(QueryBus.class, "queryBus"))
                .errorHandler(configuration.getComponent(QueryInvocationErrorHandler.class,
                        () -> LoggingQueryInvocationErrorHandler.builder().build()))
                .queryUpdateEmitter(configuration.getComponent(QueryUpdateEmitter.class))
                .spanFactory(configuration.getComponent(QueryBusSpanFactory.class))
                .build();
    }

    /** A duplicate (aggregate, sequence) on PostgreSQL becomes a concurrency failure, not a generic error. */
    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    @Bean
    public SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema();
    }

    /**
     * The JDBC event store. {@code gapTimeout} is how long a tracking processor waits for a global-index gap
     * (a transaction that took a sequence number but had not committed yet) before it gives up on it; command
     * transactions are short, so a generous timeout means a slow commit is waited for, never skipped.
     *
     * <p>An aggregate's events are read in ranges of {@code batchSize} sequence numbers, and a range with fewer events
     * is the last: Axon's JDBC engine would read one more, empty range every time, one query more for each aggregate
     * loaded from the store (a credit loads the payment code). Sequence numbers here have no gaps: Axon numbers an
     * aggregate's events one after another and the unique (aggregate, sequence) key refuses a number twice, so a short
     * range cannot be followed by more events ({@code AggregateEventReadsIT}). No snapshot is looked for before a
     * load: none is ever taken ({@link UnsnapshottedEventStorageEngine}).
     */
    @Bean
    public EventStorageEngine eventStorageEngine(Serializer serializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 AxonSettings settings) {
        int batchSize = settings.readBatchSize();
        return new UnsnapshottedEventStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(new EventSchema())
                .dataType(byte[].class)
                .gapTimeout(Math.toIntExact(settings.gapTimeoutMs()))
                .batchSize(batchSize)
                .finalAggregateBatchPredicate(batch -> batch.size() < batchSize));
    }

    /**
     * Axon's embedded event store as its auto-configuration builds it, which also signals each commit to the
     * streaming processors' source ({@link WakingEventSource}).
     */
    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    public SignallingEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration) {
        return new SignallingEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class)));
    }

    /** Processor segments are claimed in the name of this node ({@link ClusterNode}), as its replays are run. */
    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, ClusterNode node,
                                 AxonSettings settings) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(new TokenSchema())
                .claimTimeout(java.time.Duration.ofMillis(settings.tokenClaimTimeoutMs()))
                .nodeId(node.id())
                .build();
    }

    /**
     * The streaming processors read the store through one {@link WakingEventSource}: woken by commits, not by 500 ms
     * polls, and sharing one read of the newest events.
     */
    @Bean
    public ConfigurerModule processorsWokenByCommits(AxonSettings settings, MeterRegistry meters) {
        return configurer -> {
            configurer.registerComponent(WakingEventSource.class, config -> {
                WakingEventSource source = new WakingEventSource((SignallingEventStore) config.eventStore(),
                        settings.readBatchSize(), java.time.Duration.ofMillis(settings.otherNodesPollMs()),
                        java.time.Duration.ofMillis(settings.backgroundReadIntervalMs()),
                        meters);
                config.onShutdown(Phase.INBOUND_EVENT_CONNECTORS, source::close);
                return source;
            });
            configurer.eventProcessing(processing -> processing.configureDefaultStreamableMessageSource(
                    config -> config.getComponent(WakingEventSource.class).atOnce()));
        };
    }

    /**
     * Every other event processor is a pooled streaming processor: its tokens live in PostgreSQL next to the read
     * models, so a batch of projection writes and its token commit together (exactly-once read models).
     *
     * <p>Every node runs every processor; a segment is processed by the node holding its token's claim. A node that
     * stops releases its claims; a node that dies keeps them until they time out ({@code token-claim-timeout-ms},
     * 10 s after the claim's last extension, which comes every 5 s while idle), and the other nodes look for unclaimed
     * segments every {@code token-claim-interval-ms} (2 s): a dead node's segments are taken over within about 15 s.
     */
    @Bean
    public ConfigurerModule pooledStreamingProcessors(AxonSettings settings) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .usingPooledStreamingEventProcessors((config, builder) -> builder
                        .batchSize(settings.processorBatchSize())
                        .initialSegmentCount(settings.processorSegments())
                        .tokenClaimInterval(settings.tokenClaimIntervalMs()))
                // never skip an event: a failing batch rolls back with its token and is retried (its lag shows on
                // the ops stream), where Axon's default would log the failure and move past the event
                .registerDefaultListenerInvocationErrorHandler(config -> PropagatingErrorHandler.instance()));
    }

    /**
     * The auditors' ledger has one segment: one writer appends its lines in the order it handles the events, so
     * positions have no gaps and each hash chains the line appended just before (see {@link LedgerProjector}).
     * Its errors propagate: a failing batch rolls back and is retried, never skipped, since a skipped event would be
     * a missing ledger line. Its batches are large: it writes a batch in a few round trips (a replay is that many
     * times faster), and a batch is only as large as the events already there, so a live event never waits for one.
     *
     * <p>Why a tracking processor here, where every other one is pooled: a pooled processor's coordinator hands
     * events to its one worker through a buffer of 1,024 events and, finding it full, looks again only 100 ms later
     * (both fixed in Axon). A single-segment processor whose handling is slower than reading is thus held to about
     * 1,024 events per 100 ms: the ledger replay measured 13,000 events/s with its thread idle most of the time. A
     * tracking processor's one thread reads a batch and handles it itself, with no hand-over to wait for (with batches
     * of 4,000: 19,500 events/s).
     *
     * <p>Auditors need no sub-second ledger: it reads at most once per background read interval (200 ms), so under a
     * steady load one transaction writes the lines of several commits instead of one each.
     */
    @Bean
    public ConfigurerModule ledgerProcessor(AxonSettings settings) {
        int batchSize = settings.ledgerBatchSize();
        return configurer -> configurer.eventProcessing(processing -> processing
                // up to as many events at a time as it writes lines in one transaction (from the shared read: fewer)
                .registerTrackingEventProcessor(LedgerProjector.PROCESSING_GROUP,
                        config -> config.getComponent(WakingEventSource.class).inBackground(batchSize))
                .registerTrackingEventProcessorConfiguration(LedgerProjector.PROCESSING_GROUP,
                        config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(batchSize)
                                .andInitialSegmentsCount(1)
                                .andTokenClaimInterval(settings.tokenClaimIntervalMs(), TimeUnit.MILLISECONDS))
                .registerListenerInvocationErrorHandler(LedgerProjector.PROCESSING_GROUP,
                        config -> PropagatingErrorHandler.instance()));
    }

    /**
     * Tables that commands decide on (registration id, FIN and cabinet number lookups) and the citizen's own
     * profile are written by subscribing processors, inside the transaction that appends the events: never behind
     * the event store. A failure there must roll the command back, so errors propagate instead of being logged.
     * The ops notifier is one of them: its NOTIFY must be sent by the transaction that appends the events. Each such
     * handler class says so itself ({@link az.ekabinet.domain.shared.InCommandTransaction}).
     */
    @Bean
    public InTransactionProcessors inTransactionProcessors(ListableBeanFactory beans) {
        return InTransactionProcessors.foundIn(beans);
    }

    @Bean
    public ConfigurerModule inTransactionProjections(InTransactionProcessors inTransaction) {
        return configurer -> configurer.eventProcessing(processing -> {
            for (String group : inTransaction.groups()) {
                processing.registerSubscribingEventProcessor(group)
                        .registerListenerInvocationErrorHandler(group, config -> PropagatingErrorHandler.instance());
            }
        });
    }

    /**
     * The ops counters are one row: a single segment keeps it, so no two threads of the processor ever wait on
     * (or deadlock over) it. They are read every few seconds, so the processor reads at most once per background read
     * interval (200 ms): under a steady load one transaction counts several commits instead of one each.
     */
    @Bean
    public ConfigurerModule opsCountersInOneSegment() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerPooledStreamingEventProcessorConfiguration(OpsCountersProjector.PROCESSING_GROUP,
                        (config, builder) -> builder.initialSegmentCount(1)
                                .messageSource(config.getComponent(WakingEventSource.class).inBackground())));
    }

    /** Stores password hashes in the transaction of the command that needs them (see CredentialWriter). */
    @Bean
    public ConfigurerModule credentialWriterOnTheCommandBus(CredentialWriter credentialWriter) {
        return configurer -> configurer.onInitialize(config -> config.onStart(Phase.INBOUND_COMMAND_CONNECTOR,
                () -> config.commandBus().registerHandlerInterceptor(credentialWriter)));
    }
}
