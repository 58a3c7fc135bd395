package az.ekabinet.config.admin;

import az.ekabinet.config.axon.AxonSettings;
import az.ekabinet.config.plumbing.WakingEventSource;
import az.ekabinet.config.cluster.ClusterNode;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.projection.plumbing.ProjectionRebuild;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds a read model from the event store while the API keeps answering, one replay at a time in the
 * whole cluster, on the node that accepted it; every node reports the same status ({@link ReplayRecords}).
 *
 * <ul>
 * <li>A <b>streaming</b> projection (its own tokens) is replayed the Axon way: shut down, reset its tokens, start.
 * Until it has caught up its table is being refilled; progress is its tokens' position (and the ops stream's lag).
 * <li>A streaming projection with a {@link ProjectionRebuild} of its own (the ledger) is rebuilt by it instead, in
 * bulk and all or nothing, while its processor is shut down; the processor then goes on from its token. Where the
 * rebuild is not {@linkplain ProjectionRebuild#available() available}, the projection is replayed the Axon way.
 * <li>A <b>subscribing</b> projection (written in the command's transaction, so never behind) cannot reset tokens it
 * does not have. Its handlers are run over the whole event store inside ONE database transaction, after its
 * {@code @ResetHandler}: readers keep seeing the old rows until the rebuilt ones commit (MVCC), a command that
 * writes the same rows meanwhile waits for the commit and then applies its own event on top, and a failure rolls
 * everything back, leaving the old read model in place.
 * </ul>
 * A streaming processor runs on every node, each segment on the node that holds its claim. Before resetting its tokens
 * or rebuilding it, this node waits until the other nodes have released its segments: each of them shuts the processor
 * down while the replay runs, and starts it again after ({@link ReplayPauses}).
 *
 * <p>Automations (wallet opening) and command-side lookups are not projections and cannot be replayed here.
 */
@Component
public class ProjectionReplays implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ProjectionReplays.class);

    /** The read models that can be rebuilt, by the name used in URLs (their processing group). */
    static final List<String> REPLAYABLE = List.of("wallet", "cabinet-profile", "exam-sessions", "exam-applications",
            "exam-results",
            "provider-payments", "ledger");

    public enum State { RUNNING, COMPLETED, FAILED }

    /**
     * What a replay has done so far; {@code eventsReplayed} is counted for subscribing projections (renewed with the
     * replay's heartbeat) and, once done, for those rebuilt in bulk.
     */
    public record Replay(String projection, String kind, State state, long eventsReplayed, Instant startedAt,
                         Instant finishedAt, String failure) {
    }

    private final EventProcessingConfiguration processors;
    private final EventStorageEngine events;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Map<String, ProjectionRebuild> rebuilds;
    private final ObjectProvider<Configuration> axon;
    private final ReplayRecords records;
    private final ClusterNode node;
    private final JdbcTemplate jdbc;
    private final Duration claimTimeout;
    /** The projection this node replays now, or null. */
    private volatile String replayingHere;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-replay");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-replay-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    public ProjectionReplays(EventProcessingConfiguration processors, EventStorageEngine events,
                             PlatformTransactionManager transactions, Clock clock, List<ProjectionRebuild> rebuilds,
                             ObjectProvider<Configuration> axon, ReplayRecords records, ClusterNode node,
                             JdbcTemplate jdbc, AxonSettings settings) {
        this.processors = processors;
        this.axon = axon;
        this.rebuilds = rebuilds.stream().collect(Collectors.toMap(ProjectionRebuild::processingGroup, r -> r));
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.records = records;
        this.node = node;
        this.jdbc = jdbc;
        this.claimTimeout = Duration.ofMillis(settings.tokenClaimTimeoutMs());
    }

    /**
     * Starts rebuilding {@code name} on this node; refused if it is unknown, not a read model, or if a replay runs on
     * any node. Blocking (JDBC): never on an event loop.
     */
    public Replay start(String name) {
        String kind = kindOf(name);
        Replay started = new Replay(name, kind, State.RUNNING, 0, clock.instant(), null, null);
        if (!records.tryStart(started, node.id())) {
            throw new DomainException(ErrorCode.REPLAY_IN_PROGRESS, Map.of("projection", name));
        }
        worker.execute(() -> run(started));
        return started;
    }

    /** Every replayable projection with its kind and its last replay on any node, if any. Blocking (JDBC). */
    public Map<String, Replay> all() {
        Map<String, Replay> recorded = records.all();
        Map<String, Replay> all = new LinkedHashMap<>();
        for (String name : REPLAYABLE) {
            processors.eventProcessor(name).ifPresent(processor -> all.put(name, recorded.getOrDefault(name,
                    new Replay(name, kindOf(name), null, 0, null, null, null))));
        }
        return all;
    }

    /** Blocking (JDBC). */
    public Replay status(String name) {
        kindOf(name);
        return all().get(name);
    }

    /** Whether this node is replaying {@code name} now. */
    boolean replayingHere(String name) {
        return name.equals(replayingHere);
    }

    private String kindOf(String name) {
        if (!REPLAYABLE.contains(name) || processors.eventProcessor(name).isEmpty()) {
            throw new DomainException(ErrorCode.PROJECTION_NOT_FOUND, Map.of("projection", name));
        }
        return processors.eventProcessor(name).get() instanceof StreamingEventProcessor ? "STREAMING" : "SUBSCRIBING";
    }

    private void run(Replay started) {
        AtomicLong replayed = new AtomicLong();
        String name = started.projection();
        replayingHere = name;
        long beatMillis = ReplayRecords.HEARTBEAT_EVERY.toMillis();
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(() -> beat(name, replayed), beatMillis,
                beatMillis, TimeUnit.MILLISECONDS);
        Replay finished;
        try {
            log.info("Replaying projection {} ({})", name, started.kind());
            ProjectionRebuild rebuild = rebuilds.get(name);
            boolean inBulk = rebuild != null && rebuild.available();
            if (rebuild != null && !inBulk) {
                // not all or nothing then: the processor's reset empties the read model, which readers see refill
                log.warn("Projection {} cannot be rebuilt in bulk here: replayed through its processor instead", name);
            }
            if (inBulk) {
                rebuildInBulk(processors.eventProcessor(name, StreamingEventProcessor.class).orElseThrow(), rebuild,
                        replayed);
            } else if ("STREAMING".equals(started.kind())) {
                replayStreaming(processors.eventProcessor(name, StreamingEventProcessor.class).orElseThrow());
            } else {
                replaySubscribing(processors.eventProcessor(name, SubscribingEventProcessor.class).orElseThrow(),
                        replayed);
            }
            finished = new Replay(name, started.kind(), State.COMPLETED, replayed.get(), started.startedAt(),
                    clock.instant(), null);
            log.info("Projection {} rebuilt ({} events)", name, replayed.get());
        } catch (Exception | AssertionError e) {
            log.error("Replay of projection {} failed; the read model was left as it was", name, e);
            finished = new Replay(name, started.kind(), State.FAILED, replayed.get(), started.startedAt(),
                    clock.instant(), e.getClass().getSimpleName());
        } finally {
            heartbeat.cancel(false);
            replayingHere = null;
        }
        try {
            records.finish(finished, node.id());
        } catch (RuntimeException e) {
            log.error("The end of the replay of {} could not be recorded: it reads as failed once its lease is over",
                    name, e);
        }
    }

    private void beat(String projection, AtomicLong replayed) {
        try {
            records.heartbeat(projection, node.id(), replayed.get());
        } catch (RuntimeException e) {
            log.warn("The heartbeat of the replay of {} failed: {}", projection, e.toString());
        }
    }

    private void replaySubscribing(SubscribingEventProcessor processor, AtomicLong replayed) {
        EventHandlerInvoker handlers = processor.eventHandlerInvoker();
        transaction.executeWithoutResult(status -> {
            handlers.performReset();
            try (Stream<? extends TrackedEventMessage<?>> all = events.readEvents(null, false)) {
                all.forEach(event -> {
                    if (handlers.canHandle(event, Segment.ROOT_SEGMENT)) {
                        try {
                            handlers.handle(event, Segment.ROOT_SEGMENT);
                        } catch (Exception e) {
                            throw new IllegalStateException("event " + event.getIdentifier() + " failed", e);
                        }
                        replayed.incrementAndGet();
                    }
                });
            }
        });
    }

    /** The processor is started again whatever happens: after a failure, on the old read model and its token. */
    private void rebuildInBulk(StreamingEventProcessor processor, ProjectionRebuild rebuild, AtomicLong replayed)
            throws Exception {
        shutDown(processor);
        try {
            awaitReleasedElsewhere(processor.getName());
            replayed.set(rebuild.rebuild());
        } finally {
            processor.start();
        }
    }

    /**
     * Axon's replay: shutdown → reset tokens → start; done once every segment has passed the event store's head as
     * it was at the reset (Axon's own "replaying" flag can stay up while old global-index gaps are still open). The
     * other nodes keep the processor shut down until then, so this node claims every segment.
     */
    private void replayStreaming(StreamingEventProcessor processor) throws Exception {
        long head = transaction.execute(status -> events.createHeadToken()).position().orElse(0);
        shutDown(processor);
        try {
            awaitReleasedElsewhere(processor.getName());
            processor.resetTokens();
        } finally {
            processor.start();
        }
        Integer segmentCount = jdbc.queryForObject("SELECT count(*) FROM tokenentry WHERE processorname = ?",
                Integer.class, processor.getName());
        Instant deadline = clock.instant().plus(Duration.ofHours(2));
        while (clock.instant().isBefore(deadline)) {
            Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
            if (segmentCount != null && segments.size() == segmentCount && segments.values().stream()
                    .allMatch(segment -> segment.getCurrentPosition().orElse(-1) >= head)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("replay did not finish within 2 hours");
    }

    /**
     * Shuts the processor down without letting it wait out its wait for new events: a tracking processor notices a
     * shutdown only between waits, which last up to a second.
     */
    void shutDown(StreamingEventProcessor processor) throws Exception {
        CompletableFuture<Void> stopped = processor.shutdownAsync();
        axon.getObject().getComponent(WakingEventSource.class).releaseWaiting();
        stopped.get(1, TimeUnit.MINUTES);
    }

    /**
     * Waits until no other node holds a live claim on a segment of {@code processor} (they release their claims on
     * seeing this node's replay; a dead node's claims time out), for at most a minute.
     */
    private void awaitReleasedElsewhere(String processor) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (heldElsewhere(processor)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("other nodes still hold segments of " + processor);
            }
            Thread.sleep(100);
        }
    }

    /** Claims are timed by the system's clock, as Axon's token store times them. */
    private boolean heldElsewhere(String processor) {
        Instant live = Instant.now().minus(claimTimeout);
        return jdbc.queryForList("""
                        SELECT timestamp FROM tokenentry
                        WHERE processorname = ? AND owner IS NOT NULL AND owner <> ? AND timestamp IS NOT NULL""",
                String.class, processor, node.id()).stream().anyMatch(claimed -> Instant.parse(claimed).isAfter(live));
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
        heartbeats.shutdownNow();
    }
}
