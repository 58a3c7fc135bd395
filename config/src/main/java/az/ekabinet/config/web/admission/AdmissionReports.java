package az.ekabinet.config.web.admission;

import az.ekabinet.domain.shared.RequestClass;
import java.sql.Timestamp;
import java.time.Clock;
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
 * so that the ops counters, read by every node, add up the whole cluster's. Its own thread: the writes are JDBC.
 */
@Component
public class AdmissionReports implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AdmissionReports.class);

    private final AdmissionControl admission;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final long intervalMillis;
    private final String nodeId = UUID.randomUUID().toString();
    private ScheduledExecutorService reporter;

    public AdmissionReports(AdmissionControl admission, JdbcTemplate jdbc, Clock clock, AdmissionSettings settings) {
        this.admission = admission;
        this.jdbc = jdbc;
        this.clock = clock;
        this.intervalMillis = settings.reportInterval().toMillis();
    }

    void report() {
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

    private void reportQuietly() {
        try {
            report();
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
        reporter.scheduleWithFixedDelay(this::reportQuietly, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        reporter.shutdownNow();
        reportQuietly();
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
