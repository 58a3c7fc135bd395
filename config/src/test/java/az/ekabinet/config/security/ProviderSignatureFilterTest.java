package az.ekabinet.config.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ProviderSignatureFilterTest {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    private static final byte[] BODY = "{\"paymentCode\":\"ABCDEFGHIJ\"}".getBytes(StandardCharsets.UTF_8);

    private final ProviderSignatureFilter filter = new ProviderSignatureFilter(
            new ProvidersProperties(Map.of("demo-bank", new ProvidersProperties.Provider("demo-bank-secret"))),
            null, Clock.fixed(NOW, ZoneOffset.UTC), 65536);

    private static MockServerHttpRequest signed(String provider, long timestamp, String signature) {
        return MockServerHttpRequest.post("/api/payments")
                .header(ProviderSignatureFilter.PROVIDER_HEADER, provider)
                .header(ProviderSignatureFilter.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(ProviderSignatureFilter.SIGNATURE_HEADER, signature)
                .build();
    }

    private static String sign(String secret, long timestamp) {
        return HexFormat.of().formatHex(ProviderSignatureFilter.hmac(secret, Long.toString(timestamp), BODY));
    }

    @Test
    void aKnownVectorMatchesTheWireSpecification() {
        // printf '1700000000.body' | openssl dgst -sha256 -hmac key
        assertThat(HexFormat.of().formatHex(ProviderSignatureFilter.hmac("key", "1700000000",
                "body".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("47b6ce0fca59474308e2921c247cb2493dce6b8101d90ac05bd0c6a37d0e046e");
    }

    @Test
    void acceptsAFreshCorrectSignatureInEitherCase() {
        long ts = NOW.getEpochSecond() - 299;
        assertThat(filter.verifiedProvider(signed("demo-bank", ts, sign("demo-bank-secret", ts)), BODY))
                .isEqualTo("demo-bank");
        assertThat(filter.verifiedProvider(signed("demo-bank", ts, sign("demo-bank-secret", ts).toUpperCase()), BODY))
                .isEqualTo("demo-bank");
    }

    @Test
    void refusesStaleFutureForgedOrUnknown() {
        long ts = NOW.getEpochSecond();
        assertThat(filter.verifiedProvider(signed("demo-bank", ts - 301, sign("demo-bank-secret", ts - 301)), BODY)).isNull();
        assertThat(filter.verifiedProvider(signed("demo-bank", ts + 301, sign("demo-bank-secret", ts + 301)), BODY)).isNull();
        assertThat(filter.verifiedProvider(signed("demo-bank", ts, sign("other-secret", ts)), BODY)).isNull();
        assertThat(filter.verifiedProvider(signed("other-bank", ts, sign("demo-bank-secret", ts)), BODY)).isNull();
        assertThat(filter.verifiedProvider(signed("demo-bank", ts, "zz"), BODY)).isNull();
        assertThat(filter.verifiedProvider(signed("demo-bank", ts, sign("demo-bank-secret", ts)),
                "{}".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(filter.verifiedProvider(MockServerHttpRequest.post("/api/payments").build(), BODY)).isNull();
    }
}
