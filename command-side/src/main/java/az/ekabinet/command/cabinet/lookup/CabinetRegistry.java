package az.ekabinet.command.cabinet.lookup;

import az.ekabinet.domain.shared.InCommandTransaction;
import az.ekabinet.domain.cabinet.CabinetActivated;
import az.ekabinet.domain.cabinet.ContactProvided;
import az.ekabinet.domain.cabinet.IdentityDocumentRenewed;
import az.ekabinet.domain.cabinet.PhoneChanged;
import az.ekabinet.domain.cabinet.RegistrationPhoneVerified;
import az.ekabinet.domain.cabinet.RegistrationStarted;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The set-based lookups commands need: registration id → cabinet, FIN / cabinet number → cabinet.
 * Its handlers run in a subscribing processor, inside the transaction that appends the cabinet's events, so the
 * table is never behind the event store and a failure here rolls the command back.
 */
@Component
@InCommandTransaction
@ProcessingGroup(CabinetRegistry.PROCESSING_GROUP)
public class CabinetRegistry {

    public static final String PROCESSING_GROUP = "cabinet-registry";

    private final JdbcTemplate jdbc;
    private final DatabaseClient db;

    public CabinetRegistry(JdbcTemplate jdbc, DatabaseClient db) {
        this.jdbc = jdbc;
        this.db = db;
    }

    /** A cabinet as commands see it. */
    /** {@code registrationRef} is the stored form of the registration id (see RegistrationIds). */
    public record Entry(String cabinetId, String fin, String status, String cabinetNumber, String mobilePhone,
                        boolean phoneVerified, String documentNumber, String registrationRef, String maskedName) {

        public boolean active() {
            return "ACTIVE".equals(status);
        }
    }

    /** @param registrationRef the stored form of the id (RegistrationIds.stored) */
    public Mono<Entry> byRegistrationId(String registrationRef) {
        return find("registration_id = :key", registrationRef);
    }

    public Mono<Entry> byCabinetId(String cabinetId) {
        return find("cabinet_id = :key", cabinetId);
    }

    /** An active cabinet by FIN or cabinet number, whichever the username is. */
    public Mono<Entry> activeByUsername(String username) {
        return find("status = 'ACTIVE' AND (fin = :key OR cabinet_number = :key)", username);
    }

    private Mono<Entry> find(String condition, String key) {
        return db.sql("SELECT cabinet_id, fin, status, cabinet_number, mobile_phone, phone_verified, document_number, "
                        + "registration_id, masked_name "
                        + "FROM command.cabinet_registry WHERE " + condition)
                .bind("key", key)
                .map((row, meta) -> new Entry(row.get("cabinet_id", String.class), row.get("fin", String.class),
                        row.get("status", String.class), row.get("cabinet_number", String.class),
                        row.get("mobile_phone", String.class), Boolean.TRUE.equals(row.get("phone_verified", Boolean.class)),
                        row.get("document_number", String.class), row.get("registration_id", String.class),
                        row.get("masked_name", String.class)))
                .one();
    }

    @EventHandler
    void on(RegistrationStarted event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO command.cabinet_registry
                    (cabinet_id, fin, registration_id, status, mobile_phone, phone_verified, document_number, masked_name,
                     updated_at)
                VALUES (?, ?, ?, 'REGISTERING', NULL, FALSE, ?, ?, ?)
                ON CONFLICT (cabinet_id) DO UPDATE SET registration_id = EXCLUDED.registration_id, status = 'REGISTERING',
                    mobile_phone = NULL, phone_verified = FALSE, document_number = EXCLUDED.document_number,
                    masked_name = EXCLUDED.masked_name, updated_at = EXCLUDED.updated_at""",
                event.cabinetId(), event.person().fin(), event.registrationId(),
                event.person().documentSeries() + event.person().documentNumber(), event.person().maskedName(),
                Timestamp.from(at));
    }

    @EventHandler
    void on(ContactProvided event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("""
                UPDATE command.cabinet_registry SET phone_verified = phone_verified AND mobile_phone = ?,
                    mobile_phone = ?, updated_at = ? WHERE cabinet_id = ?""",
                event.mobilePhone(), event.mobilePhone(), Timestamp.from(at), event.cabinetId());
    }

    @EventHandler
    void on(RegistrationPhoneVerified event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("UPDATE command.cabinet_registry SET phone_verified = TRUE, updated_at = ? WHERE cabinet_id = ?",
                Timestamp.from(at), event.cabinetId());
    }

    @EventHandler
    void on(CabinetActivated event, @org.axonframework.eventhandling.Timestamp Instant at) {
        // The unique key on cabinet_number is the last guard against a number issued twice.
        jdbc.update("""
                UPDATE command.cabinet_registry SET status = 'ACTIVE', cabinet_number = ?, registration_id = NULL,
                    updated_at = ? WHERE cabinet_id = ?""",
                event.cabinetNumber(), Timestamp.from(at), event.cabinetId());
    }

    @EventHandler
    void on(PhoneChanged event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("""
                UPDATE command.cabinet_registry SET mobile_phone = ?, phone_verified = TRUE, updated_at = ?
                WHERE cabinet_id = ?""", event.mobilePhone(), Timestamp.from(at), event.cabinetId());
    }

    @EventHandler
    void on(IdentityDocumentRenewed event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("""
                UPDATE command.cabinet_registry SET document_number = ?, masked_name = ?, updated_at = ?
                WHERE cabinet_id = ?""",
                event.person().documentSeries() + event.person().documentNumber(), event.person().maskedName(),
                Timestamp.from(at), event.cabinetId());
    }
}
