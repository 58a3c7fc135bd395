package az.ekabinet.config.admin;

import az.ekabinet.config.cluster.ClusterNode;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On every node, the streaming processors released for a replay running on another node: every second this node
 * looks at the replays that run ({@link ReplayRecords}), shuts down each streaming processor another node replays
 * (releasing its segments, which that node waits for) and starts it again once that replay has ended or its node has
 * died (its lease ran out). Looking is what decides, so a node that was away, or started meanwhile, still does it.
 */
@Component
public class ReplayPauses implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReplayPauses.class);

    private final ReplayRecords records;
    private final ProjectionReplays replays;
    private final EventProcessingConfiguration processors;
    private final ClusterNode node;
    /** Processors this node shut down for another node's replay. Touched by the one looking thread only. */
    private final Set<String> paused = new HashSet<>();
    private volatile ScheduledExecutorService looking;

    public ReplayPauses(ReplayRecords records, ProjectionReplays replays, EventProcessingConfiguration processors,
                        ClusterNode node) {
        this.records = records;
        this.replays = replays;
        this.processors = processors;
        this.node = node;
    }

    /** Brings this node's streaming processors in line with the replays that run on other nodes now. */
    void look() {
        Set<String> elsewhere = records.runningElsewhere(node.id());
        for (String name : ProjectionReplays.REPLAYABLE) {
            processors.eventProcessor(name, StreamingEventProcessor.class).ifPresent(processor -> {
                try {
                    if (elsewhere.contains(name) && !paused.contains(name) && !replays.replayingHere(name)) {
                        log.info("Releasing processor {} while another node replays it", name);
                        replays.shutDown(processor);
                        paused.add(name);
                    } else if (!elsewhere.contains(name) && paused.remove(name)) {
                        log.info("Starting processor {} again: its replay on another node has ended", name);
                        processor.start();
                    }
                } catch (Exception e) {
                    log.warn("Processor {} could not follow the replays of other nodes: {}", name, e.toString());
                }
            });
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "replay-pauses");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(() -> {
            try {
                look();
            } catch (RuntimeException e) {
                log.warn("Looking for replays on other nodes failed: {}", e.toString());
            }
        }, 1, 1, TimeUnit.SECONDS);
        looking = thread;
    }

    @Override
    public void stop() {
        ScheduledExecutorService thread = looking;
        looking = null;
        if (thread != null) {
            thread.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return looking != null;
    }
}
