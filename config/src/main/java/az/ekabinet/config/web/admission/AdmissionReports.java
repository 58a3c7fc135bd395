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
 * so that the ops counters, read by every node, add up the whole cluster's; and, each time, what the load balancers
 * in front refused themselves ({@link BalancerStatistics}) into {@code command.balancer_refusals}. Its own thread:
 * the writes are JDBC and the balancers' reads block.
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

    /** The node's counts, then each balancer's; a balancer that cannot be read is logged and read next time. */
    void report() {
        Timestamp now = Timestamp.from(clock.instant());
        reportNode(now);
        for (BalancerStatistics balancer : balancers) {
            try {
                report(balancer, now);
            } catch (RuntimeException e) {
                log.warn("Could not report the balancer {}'s refusals (tried again in {} ms): {}",
                        balancer.balancer(), intervalMillis, e.getMessage());
            }
        }
    }

    private void reportNode(Timestamp now) {
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
     * One balancer's reading, unless a newer one is stored: every node reads the same balancers, and a reading taken
     * before another node's may arrive after it. A reading of a newer process keeps the older one's count.
     */
    private void report(BalancerStatistics balancer, Timestamp now) {
        BalancerStatistics.Reading reading = balancer.read();
        reading.refusedByBackend().forEach((backend, refused) -> jdbc.update("""
                INSERT INTO command.balancer_refusals AS stored
                    (balancer, backend, started_at, refused, refused_before, reported_at)
                VALUES (?, ?, ?, ?, 0, ?)
                ON CONFLICT (balancer, backend) DO UPDATE
                SET refused_before = CASE WHEN stored.started_at < excluded.started_at
                                          THEN stored.refused_before + stored.refused ELSE stored.refused_before END,
                    refused = CASE WHEN stored.started_at < excluded.started_at
                                   THEN excluded.refused ELSE greatest(stored.refused, excluded.refused) END,
                    started_at = excluded.started_at,
                    reported_at = excluded.reported_at
                WHERE stored.started_at <= excluded.started_at""",
                balancer.balancer(), backend, reading.startedAt(), refused, now));
    }

    private void reportQuietly(Runnable reporting) {
        try {
            reporting.run();
        } catch (RuntimeException e) {
            log.warn("Could not write the node's admission counts (tried again in {} ms): {}", intervalMillis,
                    e.getMessage());
        }
    }

    @Override
    public void start() {
        reporter = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "admission-reports");
            thread.setDaemon(true);
            return thread;
        });
        reporter.scheduleWithFixedDelay(() -> reportQuietly(this::report), intervalMillis, intervalMillis,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        reporter.shutdownNow();
        // the node's last counts; the balancers' are read by the nodes that stay
        reportQuietly(() -> reportNode(Timestamp.from(clock.instant())));
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
