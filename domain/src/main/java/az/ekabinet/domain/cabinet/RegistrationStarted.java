package az.ekabinet.domain.cabinet;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A citizen whose document and FIN the identity registry confirmed started (or restarted) registration. */
@Revision("1")
public record RegistrationStarted(String cabinetId, String registrationId, PersonRecord person, Instant startedAt) {
}
