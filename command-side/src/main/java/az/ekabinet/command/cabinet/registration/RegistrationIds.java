package az.ekabinet.command.cabinet.registration;

import az.ekabinet.domain.shared.Hex;
import az.ekabinet.domain.shared.Sha256;
import java.nio.charset.StandardCharsets;

/**
 * A registration id is a capability: whoever holds it may finish the registration. Only its SHA-256 is stored
 * (in events, lookups and codes), so reading the event store does not hand anyone a registration in progress.
 */
public final class RegistrationIds {

    private RegistrationIds() {
    }

    public static String stored(String registrationId) {
        return Hex.of(Sha256.of(registrationId.getBytes(StandardCharsets.UTF_8)));
    }
}
