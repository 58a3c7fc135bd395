package az.ekabinet.domain.cabinet;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The password was changed or reset (the hash lives outside events). Other sessions end. */
@Revision("1")
public record PasswordChanged(String cabinetId, PasswordChanged.Reason reason, Instant changedAt) {

    public enum Reason { CHANGED, RESET }
}
