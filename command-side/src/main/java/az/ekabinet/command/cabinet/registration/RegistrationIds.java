package az.ekabinet.command.cabinet.registration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A registration id is a capability: whoever holds it may finish the registration. Only its SHA-256 is stored
 * (in events, lookups and codes), so reading the event store does not hand anyone a registration in progress.
 */
public final class RegistrationIds {

    private RegistrationIds() {
    }

    public static String stored(String registrationId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(registrationId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
