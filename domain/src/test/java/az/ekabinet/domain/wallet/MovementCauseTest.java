package az.ekabinet.domain.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import az.ekabinet.domain.payment.PaymentCode;
import az.ekabinet.domain.wallet.MovementCause.Kind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The wire form of a wallet movement's cause is stored in every FundsCredited and FundsDebited and hashed into the
 * ledger: these strings must never change.
 */
class MovementCauseTest {

    private static final List<MovementCause> EVERY_KIND = List.of(
            MovementCause.paymentCode(new PaymentCode("AB12CD34EF56")),
            MovementCause.transferIn("5f0c1e2a-8a2b-4c4e-9d7b-0c2f3b6c9a11"),
            MovementCause.transferOut("5f0c1e2a-8a2b-4c4e-9d7b-0c2f3b6c9a11"),
            MovementCause.examFee("100001"));

    @Test
    void eachKindHasItsExactWireForm() {
        assertThat(EVERY_KIND).extracting(MovementCause::toWire).containsExactly(
                "PAYMENT_CODE:AB12CD34EF56",
                "TRANSFER_IN:5f0c1e2a-8a2b-4c4e-9d7b-0c2f3b6c9a11",
                "TRANSFER_OUT:5f0c1e2a-8a2b-4c4e-9d7b-0c2f3b6c9a11",
                "EXAM_FEE:100001");
    }

    @Test
    void theKindsAreExactlyTheseFour() {
        assertThat(Kind.values()).extracting(Kind::name)
                .containsExactly("PAYMENT_CODE", "TRANSFER_IN", "TRANSFER_OUT", "EXAM_FEE");
        assertThat(EVERY_KIND).extracting(MovementCause::kind).containsExactly(Kind.values());
    }

    @Test
    void everyKindReadsBackAsWritten() {
        for (MovementCause cause : EVERY_KIND) {
            assertThat(MovementCause.parse(cause.toWire())).isEqualTo(cause);
        }
    }

    @Test
    void parsingGivesTheKindAndTheReference() {
        assertThat(MovementCause.parse("PAYMENT_CODE:AB12CD34EF56"))
                .isEqualTo(new MovementCause(Kind.PAYMENT_CODE, "AB12CD34EF56"));
        assertThat(MovementCause.parse("EXAM_FEE:100001")).isEqualTo(new MovementCause(Kind.EXAM_FEE, "100001"));
    }

    /** The reference is everything after the first ':', as the read model has always split it. */
    @Test
    void theReferenceIsEverythingAfterTheFirstColon() {
        MovementCause cause = MovementCause.parse("TRANSFER_IN:a:b");
        assertThat(cause).isEqualTo(new MovementCause(Kind.TRANSFER_IN, "a:b"));
        assertThat(cause.toWire()).isEqualTo("TRANSFER_IN:a:b");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "PAYMENT_CODE", "AB12CD34EF56", "PAYMENT_CODE:", "EXAM_FEE: ", "TRANSFER_OUT:\t",
            ":AB12CD34EF56", "FEE:100001", "payment_code:AB12CD34EF56", " PAYMENT_CODE:AB12CD34EF56",
            "PAYMENT_CODE :AB12CD34EF56", "TRANSFER:t1"})
    void malformedCausesAreRefused(String wire) {
        assertThatThrownBy(() -> MovementCause.parse(wire)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("movement cause");
    }

    @Test
    void anUnknownKindIsNamedAndTheKnownOnesListed() {
        assertThatThrownBy(() -> MovementCause.parse("REFUND:AB12CD34EF56"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown kind \"REFUND\"")
                .hasMessageContaining("PAYMENT_CODE, TRANSFER_IN, TRANSFER_OUT, EXAM_FEE")
                .hasMessageNotContaining("AB12CD34EF56");
    }

    @Test
    void aMissingReferenceIsRefusedWithItsKind() {
        assertThatThrownBy(() -> MovementCause.parse("EXAM_FEE:")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EXAM_FEE").hasMessageContaining("needs a reference");
        assertThatThrownBy(() -> MovementCause.examFee(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MovementCause.transferIn(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MovementCause(null, "t1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MovementCause.paymentCode(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theEventsStoreTheWireFormAndGiveTheType() {
        Instant at = Instant.parse("2026-01-15T06:00:00Z");
        var credited = new FundsCredited("wallet:cabinet:A", "cabinet:A", 5000, 5000, "PAYMENT_CODE:AB12CD34EF56", at);
        var debited = new FundsDebited("wallet:cabinet:A", "cabinet:A", 3000, 2000, "TRANSFER_OUT:t1", at);

        assertThat(credited.movementCause()).isEqualTo(MovementCause.paymentCode(new PaymentCode("AB12CD34EF56")));
        assertThat(debited.movementCause()).isEqualTo(MovementCause.transferOut("t1"));
    }
}
