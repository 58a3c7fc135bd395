package az.ekabinet.command.cabinet.me;

import az.ekabinet.domain.contact.PhoneNumber;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A new phone waiting for its code ({@code command.pending_phone_change}): one per cabinet, the newest request wins.
 * Until it is verified the cabinet's phone stays the old one.
 */
@Component
public class PendingPhoneChanges {

    private final DatabaseClient db;
    private final Clock clock;

    public PendingPhoneChanges(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Mono<Void> put(String cabinetId, PhoneNumber phone) {
        return db.sql("""
                        INSERT INTO command.pending_phone_change (cabinet_id, mobile_phone, requested_at)
                        VALUES (:id, :phone, :at) ON CONFLICT (cabinet_id) DO UPDATE
                        SET mobile_phone = EXCLUDED.mobile_phone, requested_at = EXCLUDED.requested_at""")
                .bind("id", cabinetId).bind("phone", phone.e164())
                .bind("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .then();
    }

    /** The waiting phone (E.164), if any. */
    public Mono<String> of(String cabinetId) {
        return db.sql("SELECT mobile_phone FROM command.pending_phone_change WHERE cabinet_id = :id")
                .bind("id", cabinetId)
                .map((row, meta) -> row.get("mobile_phone", String.class))
                .one();
    }

    public Mono<Void> remove(String cabinetId) {
        return db.sql("DELETE FROM command.pending_phone_change WHERE cabinet_id = :id").bind("id", cabinetId).then();
    }
}
