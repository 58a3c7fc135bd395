package az.ekabinet.domain.cabinet;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The registering citizen proved they hold the phone (SMS code). */
@Revision("1")
public record RegistrationPhoneVerified(String cabinetId, String registrationId, String mobilePhone, Instant verifiedAt) {
}
