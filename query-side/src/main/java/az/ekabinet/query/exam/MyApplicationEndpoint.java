package az.ekabinet.query.exam;

import java.security.Principal;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * GET /api/applications/{number}: the owner's application. Anyone else's number is simply not found, so nobody
 * learns which numbers exist. The sections and the problems list grow with the application capability.
 */
@RestController
public class MyApplicationEndpoint {

    private final DatabaseClient db;

    public MyApplicationEndpoint(DatabaseClient db) {
        this.db = db;
    }

    public record Application(String applicationNumber, String sessionId, String status, Instant startedAt) {
    }

    @GetMapping(path = "/api/applications/{number}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Application> application(@PathVariable String number, Principal citizen) {
        if (!number.matches("[0-9]{6}")) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        return db.sql("""
                        SELECT application_number, session_id, status, started_at FROM readmodel.exam_application
                        WHERE application_number = :number AND cabinet_id = :cabinet""")
                .bind("number", number)
                .bind("cabinet", citizen.getName())
                .map((row, meta) -> new Application(row.get("application_number", String.class),
                        row.get("session_id", String.class).substring("exam-session:".length()),
                        row.get("status", String.class), row.get("started_at", OffsetDateTime.class).toInstant()))
                .one()
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
    }
}
