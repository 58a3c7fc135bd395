package az.ekabinet.it.support;

import az.ekabinet.config.security.ProviderSignatureFilter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A payment provider as the outside world sees one: it signs every request with its secret. */
public record ProviderClient(WebTestClient http, String provider, String secret, Clock clock) {

    public static final String DEMO_BANK = "demo-bank";
    public static final String DEMO_SECRET = "demo-bank-secret";

    /** @param clock the application's clock: signatures are fresh by the server's time */
    public static ProviderClient demoBank(WebTestClient http, Clock clock) {
        return new ProviderClient(http, DEMO_BANK, DEMO_SECRET, clock);
    }

    public static String notification(String code, String amount, String payer, String paidAt, String provider) {
        return """
                {"paymentCode":"%s","amount":"%s","payerDocumentNumber":"%s","paidAt":"%s","provider":"%s"}"""
                .formatted(code, amount, payer, paidAt, provider);
    }

    public String notification(String code, String amount, String payer) {
        return notification(code, amount, payer, "2026-01-15T10:00:00+04:00", provider);
    }

    public WebTestClient.ResponseSpec post(String body) {
        return post(body, clock.instant().getEpochSecond());
    }

    public WebTestClient.ResponseSpec post(String body, long timestamp) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return http.post().uri("/api/payments")
                .contentType(MediaType.APPLICATION_JSON)
                .header(ProviderSignatureFilter.PROVIDER_HEADER, provider)
                .header(ProviderSignatureFilter.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(ProviderSignatureFilter.SIGNATURE_HEADER, sign(timestamp, bytes))
                .bodyValue(bytes)
                .exchange();
    }

    /** Pays {@code amount} with a new code and has the citizen credit it: money on the citizen's balance. */
    public void payInto(String citizenToken, String amount) {
        String code = Ids.paymentCode();
        post(notification(code, amount, "AA1234567")).expectStatus().isCreated();
        http.post().uri("/api/me/wallet/credits").headers(h -> h.setBearerAuth(citizenToken))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"paymentCode\":\"%s\"}".formatted(code))
                .exchange().expectStatus().isCreated();
    }

    public WebTestClient.ResponseSpec status(String code) {
        long timestamp = clock.instant().getEpochSecond();
        return http.get().uri("/api/payments/{code}", code)
                .header(ProviderSignatureFilter.PROVIDER_HEADER, provider)
                .header(ProviderSignatureFilter.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(ProviderSignatureFilter.SIGNATURE_HEADER, sign(timestamp, new byte[0]))
                .exchange();
    }

    /** Computed independently of the server's code path: HMAC-SHA256 over "{timestamp}.{body}", lowercase hex. */
    public String sign(long timestamp, byte[] body) {
        try {
            var mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
