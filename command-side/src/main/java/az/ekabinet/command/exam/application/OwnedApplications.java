package az.ekabinet.command.exam.application;

import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Application number → the caller's own application. Reads {@code readmodel.exam_application}, which the subscribing
 * projection writes in the start's own transaction, so a number just handed out is found at once. Anyone else's
 * number, like a malformed or unknown one, is {@code APPLICATION_NOT_FOUND}: nobody learns which numbers exist.
 * The aggregate checks the owner again when the command arrives.
 */
@Component
public class OwnedApplications {

    private final DatabaseClient db;

    public OwnedApplications(DatabaseClient db) {
        this.db = db;
    }

    /** The aggregate id of application {@code number} if {@code cabinetId} owns it. */
    public Mono<String> idOf(String number, String cabinetId) {
        if (number == null || !number.matches("[0-9]{6}")) {
            return Mono.error(new DomainException(ErrorCode.APPLICATION_NOT_FOUND));
        }
        return db.sql("""
                        SELECT application_id FROM readmodel.exam_application
                        WHERE application_number = :number AND cabinet_id = :cabinet""")
                .bind("number", number)
                .bind("cabinet", cabinetId)
                .map((row, meta) -> row.get("application_id", String.class))
                .one()
                .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.APPLICATION_NOT_FOUND)));
    }
}
