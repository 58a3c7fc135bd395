package az.ekabinet.projection.exam;

import az.ekabinet.domain.shared.InCommandTransaction;
import az.ekabinet.domain.exam.session.ExamSessionPublished;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@code readmodel.exam_session}: the published sessions, written in the publishing transaction (subscribing). */
@Component
@InCommandTransaction
@ProcessingGroup(ExamSessionProjector.PROCESSING_GROUP)
public class ExamSessionProjector {

    public static final String PROCESSING_GROUP = "exam-sessions";

    private final JdbcTemplate jdbc;

    public ExamSessionProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ExamSessionPublished event) {
        jdbc.update("""
                INSERT INTO readmodel.exam_session (session_id, title, academic_year, attempt, fee_qepik, opens_at,
                    deadline, published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (session_id) DO NOTHING""",
                event.sessionId(), event.title(), event.academicYear(), event.attempt(), event.feeQepik(),
                Timestamp.from(event.opensAt()), Timestamp.from(event.deadline()), Timestamp.from(event.publishedAt()));
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM readmodel.exam_session");
    }
}
