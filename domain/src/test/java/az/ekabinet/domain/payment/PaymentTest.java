package az.ekabinet.domain.payment;

import az.ekabinet.domain.identity.DocumentNumber;
import az.ekabinet.domain.money.Money;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PaymentTest {

    private static final Instant NOW = Instant.parse("2026-02-01T09:00:00Z");
    private static final Instant PAID_AT = Instant.parse("2026-02-01T08:55:00Z");
    private static final PaymentCode CODE = PaymentCode.of("ab12cd34ef");

    private AggregateTestFixture<Payment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Payment.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static RecordProviderPayment notice(String amount, String payer) {
        return new RecordProviderPayment(CODE, Money.parse(amount), DocumentNumber.parse(payer), PAID_AT, "demo-bank");
    }

    private static PaymentReceived received(long qepik, String payer, Instant receivedAt) {
        return new PaymentReceived("AB12CD34EF", qepik, payer, PAID_AT, "demo-bank", receivedAt);
    }

    @Test
    void firstNoticeRecordsThePayment() {
        fixture.givenNoPriorActivity()
                .when(notice("50.00", "AZE12345678"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(received(5000, "AZE12345678", NOW))
                .expectResultMessagePayload(new RecordedPayment("AB12CD34EF", Money.ofQepik(5000), "AZE12345678",
                        PAID_AT, "demo-bank", NOW, true));
    }

    @Test
    void identicalRepeatAnswersTheSameAndRecordsNothing() {
        Instant earlier = NOW.minusSeconds(30);
        fixture.given(received(5000, "AZE12345678", earlier))
                .when(notice("50.00", "aze12345678"))
                .expectNoEvents()
                .expectResultMessagePayload(new RecordedPayment("AB12CD34EF", Money.ofQepik(5000), "AZE12345678",
                        PAID_AT, "demo-bank", earlier, false));
    }

    @Test
    void repeatWithAnotherAmountIsAConflict() {
        fixture.given(received(5000, "AZE12345678", NOW))
                .when(notice("50.01", "AZE12345678"))
                .expectNoEvents()
                .expectException(PaymentNotificationConflictException.class);
    }

    @Test
    void repeatWithAnotherPayerIsAConflict() {
        fixture.given(received(5000, "AZE12345678", NOW))
                .when(notice("50.00", "AZE87654321"))
                .expectNoEvents()
                .expectException(PaymentNotificationConflictException.class);
    }
}
