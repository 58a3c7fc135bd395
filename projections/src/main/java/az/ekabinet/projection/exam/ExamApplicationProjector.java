package az.ekabinet.projection.exam;

import az.ekabinet.domain.exam.application.ApplicationStarted;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@code readmodel.exam_application}: application number → application, owner and status (subscribing). */
@Component
@ProcessingGroup(ExamApplicationProjector.PROCESSING_GROUP)
public class ExamApplicationProjector {

    public static final String PROCESSING_GROUP = "exam-applications";

    private final JdbcTemplate jdbc;

    public ExamApplicationProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ApplicationStarted event) {
        jdbc.update("""
                INSERT INTO readmodel.exam_application (application_number, application_id, session_id, cabinet_id,
                    status, started_at) VALUES (?, ?, ?, ?, 'DRAFT', ?)
                ON CONFLICT (application_number) DO NOTHING""",
                event.applicationNumber(), event.applicationId(), event.sessionId(), event.cabinetId(),
                Timestamp.from(event.startedAt()));
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM readmodel.exam_application");
    }
}
