package az.ekabinet.domain.exam.application;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The application is confirmed and its fee was charged in the same unit of work (the wallet's {@code FundsDebited}
 * with cause {@code EXAM_FEE:<number>}); from now on it is read-only.
 */
@Revision("1")
public record ApplicationConfirmed(String applicationId, String applicationNumber, String sessionId, String cabinetId,
                                   long feeQepik, Instant confirmedAt) {
}
