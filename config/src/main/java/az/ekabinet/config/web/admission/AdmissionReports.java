package az.ekabinet.config.web.admission;

import az.ekabinet.domain.shared.RequestClass;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes what this node's {@link AdmissionControl} admitted and refused since it started into
 * {@code command.node_admission}, every {@code ekabinet.admission.report-interval} and once more when the node stops,
 * so that the ops counters, read by every node, add up the whole cluster's; and, as often, what the load balancers in
 * front refused themselves ({@link BalancerStatistics}) into {@code command.balancer_refusals}. Threads of its own:
 * the writes are JDBC and the balancers' reads block, each on its own schedule, so that a balancer slow to answer
 * never holds the node's own report back.
 */
@Component
public class AdmissionReports implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AdmissionReports.class);

    private final AdmissionControl admission;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final long intervalMillis;
    private final List<BalancerStatistics> balancers;
    private final String nodeId = UUID.randomUUID().toString();
    private ScheduledExecutorService reporter;

    public AdmissionReports(AdmissionControl admission, JdbcTemplate jdbc, Clock clock, AdmissionSettings settings) {
        this.admission = admission;
        this.jdbc = jdbc;
        this.clock = clock;
        this.intervalMillis = settings.reportInterval().toMillis();
        this.balancers = settings.balancerStatistics().stream().<BalancerStatistics>map(HaproxyExporter::new).toList();
    }

    private void reportNode() {
        Timestamp now = Timestamp.from(clock.instant());
        for (RequestClass requestClass : RequestClass.values()) {
            jdbc.update("""
                    INSERT INTO command.node_admission (node_id, request_class, admitted, refused, reported_at)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (node_id, request_class) DO UPDATE
                    SET admitted = excluded.admitted, refused = excluded.refused, reported_at = excluded.reported_at""",
                    nodeId, AdmissionControl.nameOf(requestClass), admission.admitted(requestClass),
                    admission.refused(requestClass), now);
        }
    }

    /**
     * One balancer's reading, into its process's rows: a reading only raises them, since every node reads the same
     * balancers and a reading taken before another node's may arrive after it.
     */
    private void reportBalancer(BalancerStatistics balancer) {
        BalancerStatistics.Reading reading = balancer.read();
        Timestamp now = Timestamp.from(clock.instant());
        reading.refusedByBackend().forEach((backend, refused) -> jdbc.update("""
                INSERT INTO command.balancer_refusals AS stored (balancer, backend, started_at, refused, reported_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (balancer, backend, started_at) DO UPDATE
                SET refused = greatest(stored.refused, excluded.refused),
                    reported_at = greatest(stored.reported_at, excluded.reported_at)""",
                balancer.balancer(), backend, reading.startedAt(), refused, now));
    }

    private void reportNodeQuietly() {
        try {
            reportNode();
        } catch (RuntimeException e) {
            log.warn("Could not write the node's admission counts (tried again in {} ms): {}", intervalMillis,
                    e.getMessage());
        }
    }

    private void reportBalancersQuietly() {
        for (BalancerStatistics balancer : balancers) {
            try {
                reportBalancer(balancer);
            } catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    return; // the node is stopping: the nodes that stay read the balancers
                }
                log.warn("Could not report the refusals of the balancer {} (tried again in {} ms): {}",
                        balancer.balancer(), intervalMillis, e.getMessage());
            }
        }
    }

    @Override
    public void start() {
        reporter = Executors.newScheduledThreadPool(balancers.isEmpty() ? 1 : 2, task -> {
            Thread thread = new Thread(task, "admission-reports");
            thread.setDaemon(true);
            return thread;
        });
        reporter.scheduleWithFixedDelay(this::reportNodeQuietly, intervalMillis, intervalMillis,
                TimeUnit.MILLISECONDS);
        if (!balancers.isEmpty()) {
            reporter.scheduleWithFixedDelay(this::reportBalancersQuietly, intervalMillis, intervalMillis,
                    TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void stop() {
        reporter.shutdownNow();
        try {
            // a report in flight first, so that the last one written is this one
            reporter.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reportNodeQuietly();
        reporter = null;
    }

    /** Stops after the web server has finished the requests in flight, so that the last report counts them. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }

    @Override
    public boolean isRunning() {
        return reporter != null;
    }
}
