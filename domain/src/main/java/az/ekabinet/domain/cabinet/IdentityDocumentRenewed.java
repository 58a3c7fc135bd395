package az.ekabinet.domain.cabinet;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The citizen's identity document was renewed; the registry's data replaces the old. */
@Revision("1")
public record IdentityDocumentRenewed(String cabinetId, PersonRecord person, Instant renewedAt) {
}
