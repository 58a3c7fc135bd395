package az.ekabinet.query.exam;

import az.ekabinet.domain.money.Money;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * GET /api/exam-sessions: the e-services a citizen sees after login ("İstifadə etdiyiniz xidmətlər"), each with its
 * deadline, fee, whether it is open now, and the citizen's own application number and status if they applied.
 */
@RestController
public class ExamSessionsEndpoint {

    private final DatabaseClient db;
    private final Clock clock;

    public ExamSessionsEndpoint(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public record Session(String id, String title, String academicYear, int attempt, String fee, Instant opensAt,
                          Instant deadline, boolean open, String applicationNumber, String applicationStatus) {
    }

    @GetMapping(path = "/api/exam-sessions", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<List<Session>> sessions(Principal citizen) {
        Instant now = clock.instant();
        return db.sql("""
                        SELECT s.*, a.application_number, a.status AS application_status FROM readmodel.exam_session s
                        LEFT JOIN readmodel.exam_application a ON a.session_id = s.session_id AND a.cabinet_id = :cabinet
                        ORDER BY s.deadline DESC, s.session_id""")
                .bind("cabinet", citizen.getName())
                .map((row, meta) -> {
                    Instant opensAt = row.get("opens_at", OffsetDateTime.class).toInstant();
                    Instant deadline = row.get("deadline", OffsetDateTime.class).toInstant();
                    return new Session(row.get("session_id", String.class).substring("exam-session:".length()),
                            row.get("title", String.class), row.get("academic_year", String.class),
                            row.get("attempt", Short.class), Money.ofQepik(row.get("fee_qepik", Long.class)).toWire(),
                            opensAt, deadline, !now.isBefore(opensAt) && now.isBefore(deadline),
                            row.get("application_number", String.class), row.get("application_status", String.class));
                })
                .all()
                .collectList();
    }
}
