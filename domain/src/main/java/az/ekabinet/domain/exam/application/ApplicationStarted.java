package az.ekabinet.domain.exam.application;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An application ("ərizə") exists for one cabinet and one session, with its 6-digit number ("iş nömrəsi"). */
@Revision("1")
public record ApplicationStarted(String applicationId, String applicationNumber, String sessionId, String cabinetId,
                                 Instant startedAt) {
}
