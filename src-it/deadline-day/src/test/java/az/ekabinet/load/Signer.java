package az.ekabinet.load;

import io.gatling.javaapi.core.Session;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A payment provider notifying payments made with new codes while citizens credit theirs: each notification signed as
 * the API asks (HMAC-SHA256 of "{timestamp}.{body}" with the provider's secret, lowercase hex).
 */
record Signer(String name, String secret) {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";

    /** The session with a new payment's body, its code, the timestamp and the signature. */
    Session notification(Session session) {
        String code = code();
        String body = """
                {"paymentCode":"%s","amount":"1.00","payerDocumentNumber":"AA1234567",\
                "paidAt":"2026-01-15T10:00:00+04:00","provider":"%s"}""".formatted(code, name);
        long timestamp = System.currentTimeMillis() / 1000;
        return session.set("code", code).set("notification", body).set("timestamp", timestamp)
                .set("signature", sign(timestamp, body));
    }

    private String sign(long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A payment code the way the test clients make them: "L" and 15 characters of the codes' alphabet. */
    private static String code() {
        StringBuilder code = new StringBuilder("L");
        for (int i = 0; i < 15; i++) {
            code.append(ALPHABET.charAt(ThreadLocalRandom.current().nextInt(ALPHABET.length())));
        }
        return code.toString();
    }
}
