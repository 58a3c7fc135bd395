package az.ekabinet.query.exam;

import az.ekabinet.domain.money.Money;
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
 * deadline, fee and whether it is open now. The citizen's own application number and status join in with the
 * application capability.
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
    public Mono<List<Session>> sessions() {
        Instant now = clock.instant();
        return db.sql("SELECT * FROM readmodel.exam_session ORDER BY deadline DESC, session_id")
                .map((row, meta) -> {
                    Instant opensAt = row.get("opens_at", OffsetDateTime.class).toInstant();
                    Instant deadline = row.get("deadline", OffsetDateTime.class).toInstant();
                    return new Session(row.get("session_id", String.class).substring("exam-session:".length()),
                            row.get("title", String.class), row.get("academic_year", String.class),
                            row.get("attempt", Short.class), Money.ofQepik(row.get("fee_qepik", Long.class)).toWire(),
                            opensAt, deadline, !now.isBefore(opensAt) && now.isBefore(deadline), null, null);
                })
                .all()
                .collectList();
    }
}
