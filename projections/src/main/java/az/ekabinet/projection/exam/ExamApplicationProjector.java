package az.ekabinet.projection.exam;

import az.ekabinet.domain.shared.InCommandTransaction;
import az.ekabinet.domain.exam.application.ApplicationConfirmed;
import az.ekabinet.domain.exam.application.ApplicationForm;
import az.ekabinet.domain.shared.ReadModelJson;
import az.ekabinet.domain.exam.application.ApplicationStarted;
import az.ekabinet.domain.exam.application.ApplicationStatus;
import az.ekabinet.domain.exam.application.SectionRecorded;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code readmodel.exam_application}: application number → owner, status, the filled-in form as JSON, fee and
 * confirmation time. Subscribing: written in the command's own transaction, so the citizen reads back what they
 * just did. A confirmation is also announced to every node ({@code NOTIFY} on {@value #STATUS_CHANNEL}, the
 * {@linkplain ApplicationStatus#text() status as text}), whose status streams pass it on: PostgreSQL delivers it at
 * commit and drops it on rollback, so nobody hears of a confirmation that was rolled back.
 */
@Component
@InCommandTransaction
@ProcessingGroup(ExamApplicationProjector.PROCESSING_GROUP)
public class ExamApplicationProjector {

    public static final String PROCESSING_GROUP = "exam-applications";
    public static final String STATUS_CHANNEL = "ekabinet_application_status";
    private final JdbcTemplate jdbc;

    public ExamApplicationProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ApplicationStarted event) {
        jdbc.update("""
                INSERT INTO readmodel.exam_application (application_number, application_id, session_id, cabinet_id,
                    status, started_at, form, updated_at) VALUES (?, ?, ?, ?, 'DRAFT', ?, ?::jsonb, ?)
                ON CONFLICT (application_number) DO NOTHING""",
                event.applicationNumber(), event.applicationId(), event.sessionId(), event.cabinetId(),
                Timestamp.from(event.startedAt()), ReadModelJson.write(ApplicationForm.EMPTY), Timestamp.from(event.startedAt()));
    }

    /** Every section's event changes the stored form the same way it changes the aggregate's. */
    @EventHandler
    void on(SectionRecorded event) {
        String stored = jdbc.queryForObject("SELECT form FROM readmodel.exam_application WHERE application_id = ?",
                String.class, event.applicationId());
        ApplicationForm form = event.applyTo(ReadModelJson.read(stored, ApplicationForm.class));
        jdbc.update("UPDATE readmodel.exam_application SET form = ?::jsonb, updated_at = ? WHERE application_id = ?",
                ReadModelJson.write(form), Timestamp.from(event.recordedAt()), event.applicationId());
    }

    @EventHandler
    void on(ApplicationConfirmed event) {
        jdbc.update("""
                UPDATE readmodel.exam_application SET status = 'CONFIRMED', fee_qepik = ?, confirmed_at = ?,
                    updated_at = ? WHERE application_id = ?""",
                event.feeQepik(), Timestamp.from(event.confirmedAt()), Timestamp.from(event.confirmedAt()),
                event.applicationId());
        var confirmed = new ApplicationStatus(event.applicationNumber(), ApplicationStatus.CONFIRMED,
                event.confirmedAt());
        jdbc.query("SELECT pg_notify(?, ?)", rs -> { }, STATUS_CHANNEL, confirmed.text());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM readmodel.exam_application");
    }
}
