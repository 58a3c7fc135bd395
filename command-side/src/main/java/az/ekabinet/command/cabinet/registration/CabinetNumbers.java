package az.ekabinet.command.cabinet.registration;

import az.ekabinet.domain.cabinet.CabinetNumber;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Cabinet numbers from {@code command.cabinet_number_seq}: 8 digits, never reused, and a Luhn check digit
 * ({@link CabinetNumber#issue}). A number taken by an activation that then fails is simply skipped.
 */
@Component
public class CabinetNumbers {

    private final DatabaseClient db;

    public CabinetNumbers(DatabaseClient db) {
        this.db = db;
    }

    public Mono<CabinetNumber> next() {
        return db.sql("SELECT nextval('command.cabinet_number_seq') AS n")
                .map((row, meta) -> CabinetNumber.issue(row.get("n", Long.class)))
                .one();
    }
}
