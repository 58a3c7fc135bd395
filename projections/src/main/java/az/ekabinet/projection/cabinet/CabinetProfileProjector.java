package az.ekabinet.projection.cabinet;

import az.ekabinet.domain.shared.InCommandTransaction;
import az.ekabinet.domain.cabinet.CabinetActivated;
import az.ekabinet.domain.cabinet.ContactProvided;
import az.ekabinet.domain.cabinet.EmailChanged;
import az.ekabinet.domain.cabinet.IdentityDocumentRenewed;
import az.ekabinet.domain.cabinet.PersonRecord;
import az.ekabinet.domain.cabinet.PhoneChanged;
import az.ekabinet.domain.cabinet.RegistrationPhoneVerified;
import az.ekabinet.domain.cabinet.RegistrationStarted;
import java.sql.Date;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code readmodel.cabinet_profile} (what GET /api/me shows) and {@code readmodel.cabinet_document} (every document
 * number a cabinet has had, for the payments made with them). It runs in a subscribing processor: a citizen who
 * just registered or changed their contact data reads it back at once. Each row remembers the last event
 * sequence applied, so a repeated event changes nothing.
 */
@Component
@InCommandTransaction
@ProcessingGroup(CabinetProfileProjector.PROCESSING_GROUP)
public class CabinetProfileProjector {

    public static final String PROCESSING_GROUP = "cabinet-profile";

    private final JdbcTemplate jdbc;

    public CabinetProfileProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(RegistrationStarted event, @SequenceNumber long sequence) {
        PersonRecord p = event.person();
        jdbc.update("""
                INSERT INTO readmodel.cabinet_profile (cabinet_id, fin, status, surname, name, patronymic, birth_date,
                    gender, citizenship, registered_address, document_series, document_number, document_issued_on,
                    document_valid_until, document_issued_by, mobile_phone, phone_verified, email, last_event_sequence)
                VALUES (?, ?, 'REGISTERING', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, FALSE, NULL, ?)
                ON CONFLICT (cabinet_id) DO UPDATE SET status = 'REGISTERING', surname = EXCLUDED.surname,
                    name = EXCLUDED.name, patronymic = EXCLUDED.patronymic, birth_date = EXCLUDED.birth_date,
                    gender = EXCLUDED.gender, citizenship = EXCLUDED.citizenship,
                    registered_address = EXCLUDED.registered_address, document_series = EXCLUDED.document_series,
                    document_number = EXCLUDED.document_number, document_issued_on = EXCLUDED.document_issued_on,
                    document_valid_until = EXCLUDED.document_valid_until, document_issued_by = EXCLUDED.document_issued_by,
                    mobile_phone = NULL, phone_verified = FALSE, email = NULL,
                    last_event_sequence = EXCLUDED.last_event_sequence
                WHERE readmodel.cabinet_profile.last_event_sequence < EXCLUDED.last_event_sequence""",
                event.cabinetId(), p.fin(), p.surname(), p.name(), p.patronymic(), date(p.birthDate()), p.gender(),
                p.citizenship(), p.registeredAddress(), p.documentSeries(), p.documentNumber(),
                date(p.documentIssuedOn()), date(p.documentValidUntil()), p.documentIssuedBy(), sequence);
        rememberDocument(event.cabinetId(), p);
    }

    @EventHandler
    void on(ContactProvided event, @SequenceNumber long sequence) {
        update(event.cabinetId(), sequence,
                "phone_verified = phone_verified AND mobile_phone IS NOT DISTINCT FROM ?, mobile_phone = ?, email = ?",
                event.mobilePhone(), event.mobilePhone(), event.email());
    }

    @EventHandler
    void on(RegistrationPhoneVerified event, @SequenceNumber long sequence) {
        update(event.cabinetId(), sequence, "phone_verified = TRUE");
    }

    @EventHandler
    void on(CabinetActivated event, @SequenceNumber long sequence) {
        update(event.cabinetId(), sequence, "status = 'ACTIVE', cabinet_number = ?, activated_at = ?",
                event.cabinetNumber(), Timestamp.from(event.activatedAt()));
    }

    @EventHandler
    void on(EmailChanged event, @SequenceNumber long sequence) {
        update(event.cabinetId(), sequence, "email = ?", event.email());
    }

    @EventHandler
    void on(PhoneChanged event, @SequenceNumber long sequence) {
        update(event.cabinetId(), sequence, "mobile_phone = ?, phone_verified = TRUE", event.mobilePhone());
    }

    @EventHandler
    void on(IdentityDocumentRenewed event, @SequenceNumber long sequence) {
        PersonRecord p = event.person();
        update(event.cabinetId(), sequence, """
                surname = ?, name = ?, patronymic = ?, birth_date = ?, gender = ?, citizenship = ?,
                registered_address = ?, document_series = ?, document_number = ?, document_issued_on = ?,
                document_valid_until = ?, document_issued_by = ?""",
                p.surname(), p.name(), p.patronymic(), date(p.birthDate()), p.gender(), p.citizenship(),
                p.registeredAddress(), p.documentSeries(), p.documentNumber(), date(p.documentIssuedOn()),
                date(p.documentValidUntil()), p.documentIssuedBy());
        rememberDocument(event.cabinetId(), p);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM readmodel.cabinet_document");
        jdbc.update("DELETE FROM readmodel.cabinet_profile");
    }

    private void update(String cabinetId, long sequence, String assignments, Object... values) {
        Object[] arguments = new Object[values.length + 3];
        System.arraycopy(values, 0, arguments, 0, values.length);
        arguments[values.length] = sequence;
        arguments[values.length + 1] = cabinetId;
        arguments[values.length + 2] = sequence;
        jdbc.update("UPDATE readmodel.cabinet_profile SET " + assignments + ", last_event_sequence = ? "
                + "WHERE cabinet_id = ? AND last_event_sequence < ?", arguments);
    }

    private void rememberDocument(String cabinetId, PersonRecord p) {
        jdbc.update("""
                INSERT INTO readmodel.cabinet_document (cabinet_id, document_number) VALUES (?, ?)
                ON CONFLICT DO NOTHING""", cabinetId, p.documentSeries() + p.documentNumber());
    }

    private static Date date(java.time.LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }
}
