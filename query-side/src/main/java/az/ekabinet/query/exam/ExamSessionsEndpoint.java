package az.ekabinet.query.exam;

import az.ekabinet.domain.exam.session.ExamSession;
import az.ekabinet.domain.money.Money;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "exam")
public class ExamSessionsEndpoint {

    private final DatabaseClient db;
    private final Clock clock;

    public ExamSessionsEndpoint(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Schema(name = "ExamSession")
    public record Session(String id, String title, String academicYear, int attempt, String fee, Instant opensAt,
                          Instant deadline, boolean open, String applicationNumber, String applicationStatus) {
    }

    @Operation(operationId = "listExamSessions", summary = "The e-services I can use (İstifadə etdiyiniz xidmətlər)",
            description = "Published exam sessions with their deadline (Son tarix), fee, whether they are open, and "
                    + "my application's number and status (Təsdiq edilməyib / Təsdiq edilib), if I have one.")
    @ApiResponse(responseCode = "200", description = "The sessions")
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
                    return new Session(ExamSession.codeOf(row.get("session_id", String.class)),
                            row.get("title", String.class), row.get("academic_year", String.class),
                            row.get("attempt", Short.class), Money.ofQepik(row.get("fee_qepik", Long.class)).toWire(),
                            opensAt, deadline, !now.isBefore(opensAt) && now.isBefore(deadline),
                            row.get("application_number", String.class), row.get("application_status", String.class));
                })
                .all()
                .collectList();
    }
}
