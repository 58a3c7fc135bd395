package az.ekabinet.query.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One thing that happened, as operators may see it: no personal data. {@code id} is the event's global index in the
 * event store (also the SSE id a client resumes from), {@code type} the domain event's name, {@code at} when it was
 * stored. The only details are the fields below, each present where the event has it: an amount, the kind of a
 * wallet movement's cause (never its reference), the provider that took a payment, the exam session. Never a FIN,
 * name, phone, document, cabinet number, payment code, balance, application number or transfer id: a field not
 * listed here cannot leak, whatever the event carries.
 *
 * @param amount    "50.00" (AZN)
 * @param causeKind {@code PAYMENT_CODE}, {@code TRANSFER_IN}, {@code TRANSFER_OUT}, {@code EXAM_FEE}
 * @param provider  the payment provider's name
 * @param sessionId the exam session, e.g. {@code 2025-2026-1}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OpsActivity(long id, String type, Instant at, String amount, String causeKind, String provider,
                          String sessionId) implements OpsMessage {
}
