package az.ekabinet.query.cabinet.services;

import az.ekabinet.domain.exam.session.ExamSession;
import az.ekabinet.domain.money.Money;
import az.ekabinet.domain.shared.WireFormats;
import az.ekabinet.query.exam.result.ResultViews;
import az.ekabinet.query.paging.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * GET /api/me/services: every e-service the citizen has used ("İstifadə edilmiş xidmətlər"), newest first, across
 * sessions and years, each with what it cost, where it stands and what can be done next. Today the one e-service is
 * the application to a master's admission exam session.
 */
@RestController
@Tag(name = "cabinet")
public class MyServicesEndpoint {

    /** The e-service of an application to an exam session. */
    static final String EXAM_APPLICATION = "MASTER_EXAM_APPLICATION";

    /** A page of the citizen's applications, newest first, each with whether its result is published. */
    private static final String PAGE = """
            SELECT a.application_number, a.session_id, a.status, a.started_at, a.confirmed_at, a.fee_qepik,
                   s.title, s.academic_year, s.opens_at, s.deadline, %s AS published
            FROM readmodel.exam_application a
            JOIN readmodel.exam_session s ON s.session_id = a.session_id
            LEFT JOIN readmodel.result_sheet r ON r.session_id = a.session_id AND r.publish_at <= :now
            LEFT JOIN readmodel.exam_result_block e ON %s AND r.session_id IS NOT NULL
            WHERE a.cabinet_id = :cabinet
            ORDER BY a.started_at DESC, a.application_number DESC
            LIMIT :limit OFFSET :offset""".formatted(ResultViews.HAS_RESULT,
            ResultViews.BLOCK_OF_APPLICATION);

    private final DatabaseClient db;
    private final Clock clock;

    public MyServicesEndpoint(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Schema(name = "UsedService", description = "One e-service used: an application to an exam session")
    public record UsedService(
            @Schema(allowableValues = EXAM_APPLICATION) String service,
            @Schema(description = "The exam session's title, e.g. \"2025/2026 — magistraturaya qəbul, 1-ci cəhd\"")
            String title,
            String sessionId, String academicYear, String applicationNumber,
            @Schema(allowableValues = {"DRAFT", "CONFIRMED"}) String status,
            Instant startedAt,
            @Schema(description = "When the application was confirmed; absent for a draft") Instant confirmedAt,
            @Schema(pattern = WireFormats.MONEY_OUT, description = "The fee charged at confirmation; absent for a draft")
            String feeCharged,
            @Schema(description = "When the fee was charged (with the confirmation); absent for a draft")
            Instant feeChargedAt,
            @Schema(allowableValues = {"AWAITING", "PUBLISHED"},
                    description = "The exam result of a confirmed application: PUBLISHED once it is visible; absent "
                            + "for a draft")
            String resultStatus,
            @ArraySchema(arraySchema = @Schema(description = "What can be done next: CONTINUE (fill in and confirm, "
                    + "while the session is open), PRINT (the confirmed application as a PDF), VIEW_RESULT (the "
                    + "published result, also as a PDF)"),
                    schema = @Schema(allowableValues = {"CONTINUE", "PRINT", "VIEW_RESULT"}))
            List<String> actions) {
    }

    @Operation(operationId = "listMyServices", summary = "The e-services I have used (İstifadə edilmiş xidmətlər)",
            description = "Newest first, across exam sessions and years: each application with its session, status, "
                    + "fee charged and when, confirmation time, result status and what can be done next.")
    @ApiResponse(responseCode = "200", description = "A page of used services")
    @GetMapping(path = "/api/me/services", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Page<UsedService>> services(Principal citizen,
            @Parameter(schema = @Schema(type = "integer", minimum = "0", maximum = "100000", defaultValue = "0"))
            @RequestParam(required = false) String page,
            @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "20"))
            @RequestParam(required = false) String size) {
        Page.Request asked = Page.Request.of(page, size);
        Instant now = clock.instant();
        return db.sql(PAGE)
                .bind("cabinet", citizen.getName())
                .bind("now", now)
                .bind("limit", asked.limit())
                .bind("offset", asked.offset())
                .map((row, meta) -> {
                    boolean confirmed = "CONFIRMED".equals(row.get("status", String.class));
                    Instant confirmedAt = instant(row.get("confirmed_at", OffsetDateTime.class));
                    Long fee = row.get("fee_qepik", Long.class);
                    boolean published = Boolean.TRUE.equals(row.get("published", Boolean.class));
                    boolean open = !now.isBefore(instant(row.get("opens_at", OffsetDateTime.class)))
                            && now.isBefore(instant(row.get("deadline", OffsetDateTime.class)));
                    return new UsedService(EXAM_APPLICATION, row.get("title", String.class),
                            ExamSession.codeOf(row.get("session_id", String.class)),
                            row.get("academic_year", String.class), row.get("application_number", String.class),
                            row.get("status", String.class), instant(row.get("started_at", OffsetDateTime.class)),
                            confirmedAt, confirmed && fee != null ? Money.ofQepik(fee).toWire() : null,
                            confirmed ? confirmedAt : null,
                            published ? "PUBLISHED" : confirmed ? "AWAITING" : null,
                            published ? List.of("PRINT", "VIEW_RESULT")
                                    : confirmed ? List.of("PRINT") : open ? List.of("CONTINUE") : List.of());
                })
                .all()
                .collectList()
                .map(asked::pageOf);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
