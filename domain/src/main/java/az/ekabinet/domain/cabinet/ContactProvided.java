package az.ekabinet.domain.cabinet;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The contact data of a registration; the phone is not verified yet. {@code email} may be null. */
@Revision("1")
public record ContactProvided(String cabinetId, String registrationId, String mobilePhone, String email) {
}
