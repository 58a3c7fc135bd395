package az.ekabinet.domain.cabinet;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Registration completed: the cabinet has its number and can be logged into. No password here, ever. */
@Revision("1")
public record CabinetActivated(String cabinetId, String cabinetNumber, String fin, String mobilePhone, String email, Instant activatedAt) {
}
