package az.ekabinet.domain.cabinet;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The cabinet's e-mail changed; null removes it. */
@Revision("1")
public record EmailChanged(String cabinetId, String email, Instant changedAt) {
}
