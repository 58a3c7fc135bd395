package az.ekabinet.config.plumbing;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.domain.wallet.FundsCredited;
import az.ekabinet.domain.wallet.FundsDebited;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;

/**
 * The stored JSON of the money movements, byte for byte: their cause stays the string {@code KIND:reference}
 * ({@code MovementCause}'s wire form), whatever Java type wraps it, so events already stored read and new ones are
 * stored as before.
 */
class StoredMovementJsonTest {

    private static final Instant AT = Instant.parse("2026-01-15T06:00:00.120000Z");
    private static final String CREDITED = "{\"walletId\":\"wallet:cabinet:A\",\"cabinetId\":\"cabinet:A\","
            + "\"amountQepik\":5000,\"balanceAfterQepik\":5000,\"cause\":\"PAYMENT_CODE:AB12CD34EF56\","
            + "\"creditedAt\":\"2026-01-15T06:00:00.120Z\"}";
    private static final String DEBITED = "{\"walletId\":\"wallet:cabinet:A\",\"cabinetId\":\"cabinet:A\","
            + "\"amountQepik\":2000,\"balanceAfterQepik\":3000,\"cause\":\"EXAM_FEE:100001\","
            + "\"debitedAt\":\"2026-01-15T06:00:00.120Z\"}";

    private final Serializer serializer = StoredJson.serializer();

    @Test
    void aCreditIsStoredAsBefore() {
        var credited = new FundsCredited("wallet:cabinet:A", "cabinet:A", 5000, 5000, "PAYMENT_CODE:AB12CD34EF56", AT);
        assertThat(stored(credited)).isEqualTo(CREDITED);
        assertThat(read(CREDITED, FundsCredited.class)).isEqualTo(credited);
    }

    @Test
    void aDebitIsStoredAsBefore() {
        var debited = new FundsDebited("wallet:cabinet:A", "cabinet:A", 2000, 3000, "EXAM_FEE:100001", AT);
        assertThat(stored(debited)).isEqualTo(DEBITED);
        assertThat(read(DEBITED, FundsDebited.class)).isEqualTo(debited);
    }

    private String stored(Object event) {
        SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);
        return new String(stored.getData(), StandardCharsets.UTF_8);
    }

    private Object read(String json, Class<?> type) {
        return serializer.deserialize(new SimpleSerializedObject<>(json.getBytes(StandardCharsets.UTF_8), byte[].class,
                type.getName(), "1"));
    }
}
