package az.ekabinet.query.exam.application;

import az.ekabinet.domain.exam.application.ApplicationForm;
import az.ekabinet.domain.shared.ReadModelJson;
import az.ekabinet.domain.exam.application.ExamChoices;
import az.ekabinet.domain.exam.session.ExamSession;
import az.ekabinet.domain.money.Money;
import az.ekabinet.domain.reference.ReferenceData;
import az.ekabinet.domain.reference.ReferenceData.Kind;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.query.exam.application.ApplicationView.Coded;
import az.ekabinet.query.exam.application.ApplicationView.Document;
import az.ekabinet.query.exam.application.ApplicationView.ExamChoicesView;
import az.ekabinet.query.exam.application.ApplicationView.Personal;
import az.ekabinet.query.exam.application.ApplicationView.Problem;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads the owner's application with its session and the cabinet's person data, in one statement. Anyone else's
 * number, like an unknown or malformed one, is {@code APPLICATION_NOT_FOUND}: nobody learns which numbers exist.
 */
@Component
public class ApplicationViews {

    private static final ReferenceData LISTS = ReferenceData.shipped();

    private final DatabaseClient db;
    private final MessageSource messages;

    public ApplicationViews(DatabaseClient db, MessageSource messages) {
        this.db = db;
        this.messages = messages;
    }

    public Mono<ApplicationView> owned(String number, String cabinetId, Locale locale) {
        if (number == null || !number.matches("[0-9]{6}")) {
            return Mono.error(new DomainException(ErrorCode.APPLICATION_NOT_FOUND));
        }
        return db.sql("""
                        SELECT a.application_number, a.session_id, a.status, a.started_at, a.confirmed_at,
                               a.fee_qepik AS fee_charged, a.form::text AS form,
                               s.title, s.fee_qepik AS session_fee, s.deadline,
                               p.fin, p.surname, p.name, p.patronymic, p.birth_date, p.citizenship,
                               p.registered_address, p.document_series, p.document_number, p.mobile_phone, p.email
                        FROM readmodel.exam_application a
                        JOIN readmodel.exam_session s ON s.session_id = a.session_id
                        JOIN readmodel.cabinet_profile p ON p.cabinet_id = a.cabinet_id
                        WHERE a.application_number = :number AND a.cabinet_id = :cabinet""")
                .bind("number", number)
                .bind("cabinet", cabinetId)
                .map(row -> view(row, locale))
                .one()
                .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.APPLICATION_NOT_FOUND)));
    }

    private ApplicationView view(Readable row, Locale locale) {
        ApplicationForm form = ReadModelJson.read(row.get("form", String.class), ApplicationForm.class);
        Long feeCharged = row.get("fee_charged", Long.class);
        String residence = form.residence() == null ? null : form.residence().districtCode();
        Personal personal = new Personal(row.get("fin", String.class), row.get("surname", String.class),
                row.get("name", String.class), row.get("patronymic", String.class),
                row.get("birth_date", LocalDate.class), row.get("citizenship", String.class),
                row.get("registered_address", String.class),
                new Document(row.get("document_series", String.class), row.get("document_number", String.class)),
                row.get("mobile_phone", String.class), row.get("email", String.class),
                coded(Kind.DISTRICTS, residence), form.previousNames());
        return new ApplicationView(row.get("application_number", String.class),
                ExamSession.codeOf(row.get("session_id", String.class)), row.get("title", String.class),
                row.get("status", String.class), Money.ofQepik(row.get("session_fee", Long.class)).toWire(),
                instant(row, "deadline"), instant(row, "started_at"), instant(row, "confirmed_at"),
                feeCharged == null ? null : Money.ofQepik(feeCharged).toWire(), personal, form.bachelor(),
                form.master(), examChoices(form.examChoices()),
                form.problems().stream().map(problem -> new Problem(problem.section(), problem.code(),
                        messages.getMessage("application.problem." + problem.code(), null, problem.code(), locale)))
                        .toList());
    }

    private static ExamChoicesView examChoices(ExamChoices choices) {
        if (choices == null) {
            return null;
        }
        return new ExamChoicesView(coded(Kind.SECTIONS, choices.section()),
                coded(Kind.FOREIGN_LANGUAGES, choices.foreignLanguage()),
                choices.specializationCodes().stream().map(code -> coded(Kind.SPECIALIZATIONS, code)).toList());
    }

    /** The code with its current name; a code no longer listed still shows, without a name. */
    private static Coded coded(Kind list, String code) {
        return code == null ? null
                : new Coded(code, LISTS.find(list, code).map(ReferenceData.Item::name).orElse(null));
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
