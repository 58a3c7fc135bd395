package az.ekabinet.projection.exam;

import az.ekabinet.domain.exam.application.ApplicationConfirmed;
import az.ekabinet.domain.exam.application.ApplicationForm;
import az.ekabinet.domain.exam.application.ApplicationFormJson;
import az.ekabinet.domain.exam.application.ApplicationStarted;
import az.ekabinet.domain.exam.application.ApplicationStatus;
import az.ekabinet.domain.exam.application.ApplicationStatusQuery;
import az.ekabinet.domain.exam.application.SectionRecorded;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code readmodel.exam_application}: application number → owner, status, the filled-in form as JSON, fee and
 * confirmation time. Subscribing: written in the command's own transaction, so the citizen reads back what they
 * just did. A confirmation is also pushed to subscribers of {@link ApplicationStatusQuery}; Axon emits it only
 * once the transaction commits, so nobody hears of a confirmation that was rolled back.
 */
@Component
@ProcessingGroup(ExamApplicationProjector.PROCESSING_GROUP)
public class ExamApplicationProjector {

    public static final String PROCESSING_GROUP = "exam-applications";
    private final JdbcTemplate jdbc;
    private final QueryUpdateEmitter updates;

    public ExamApplicationProjector(JdbcTemplate jdbc, QueryUpdateEmitter updates) {
        this.jdbc = jdbc;
        this.updates = updates;
    }

    @EventHandler
    void on(ApplicationStarted event) {
        jdbc.update("""
                INSERT INTO readmodel.exam_application (application_number, application_id, session_id, cabinet_id,
                    status, started_at, form, updated_at) VALUES (?, ?, ?, ?, 'DRAFT', ?, ?::jsonb, ?)
                ON CONFLICT (application_number) DO NOTHING""",
                event.applicationNumber(), event.applicationId(), event.sessionId(), event.cabinetId(),
                Timestamp.from(event.startedAt()), ApplicationFormJson.write(ApplicationForm.EMPTY), Timestamp.from(event.startedAt()));
    }

    /** Every section's event changes the stored form the same way it changes the aggregate's. */
    @EventHandler
    void on(SectionRecorded event) {
        String stored = jdbc.queryForObject("SELECT form FROM readmodel.exam_application WHERE application_id = ?",
                String.class, event.applicationId());
        ApplicationForm form = event.applyTo(ApplicationFormJson.read(stored));
        jdbc.update("UPDATE readmodel.exam_application SET form = ?::jsonb, updated_at = ? WHERE application_id = ?",
                ApplicationFormJson.write(form), Timestamp.from(event.recordedAt()), event.applicationId());
    }

    @EventHandler
    void on(ApplicationConfirmed event) {
        jdbc.update("""
                UPDATE readmodel.exam_application SET status = 'CONFIRMED', fee_qepik = ?, confirmed_at = ?,
                    updated_at = ? WHERE application_id = ?""",
                event.feeQepik(), Timestamp.from(event.confirmedAt()), Timestamp.from(event.confirmedAt()),
                event.applicationId());
        updates.emit(ApplicationStatusQuery.class, query -> query.applicationNumber().equals(event.applicationNumber()),
                new ApplicationStatus(event.applicationNumber(), ApplicationStatus.CONFIRMED, event.confirmedAt()));
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM readmodel.exam_application");
    }
}
