package az.ekabinet.query.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One thing that happened, as operators may see it: no personal data. {@code id} is the event's global index in the
 * event store (also the SSE id a client resumes from), {@code type} the domain event's name, {@code at} when it was
 * stored. The only details are the fields below, each present where the event has it: an amount, the kind of a
 * wallet movement's cause (never its reference), the provider that took a payment, the exam session, what came of a
 * scoring file's lines, when a session's results become visible. Never a FIN, name, phone, document, cabinet
 * number, payment code, balance, application number, transfer id or score: a field not listed here cannot leak,
 * whatever the event carries.
 *
 * @param amount      "50.00" (AZN)
 * @param causeKind   {@code PAYMENT_CODE}, {@code TRANSFER_IN}, {@code TRANSFER_OUT}, {@code EXAM_FEE}
 * @param provider    the payment provider's name
 * @param sessionId   the exam session, e.g. {@code exam-session:2025-2026-magistr-1}
 * @param lines       a finished import of exam results: its lines counted by outcome
 * @param publication a session's results given their publication instant
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OpsActivity(long id, String type, Instant at, String amount, String causeKind, String provider,
                          String sessionId, ImportLines lines, ResultsPublication publication) implements OpsMessage {

    /**
     * The lines of one scoring file: how many were read and what came of them, counts only.
     *
     * @param recorded  results new to the session
     * @param corrected results that replaced a recorded one
     * @param unchanged results recorded already, as they were
     * @param rejected  lines refused (their problems are the importing administrator's to read, not shown here)
     */
    public record ImportLines(long read, long recorded, long corrected, long unchanged, long rejected) {
    }

    /**
     * When a session's results become visible to its applicants.
     *
     * @param previousPublishAt the instant it replaces; absent the first time one is set
     * @param resultCount       the results recorded when it was set
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ResultsPublication(Instant publishAt, Instant previousPublishAt, long resultCount) {
    }
}
