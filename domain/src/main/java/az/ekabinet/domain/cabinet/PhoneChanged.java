package az.ekabinet.domain.cabinet;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The cabinet's mobile phone changed to a number verified by an SMS code. */
@Revision("1")
public record PhoneChanged(String cabinetId, String mobilePhone, Instant verifiedAt) {
}
