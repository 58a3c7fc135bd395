package az.ekabinet.projection.payment;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.domain.payment.PaymentReceived;
import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.IntegrationTest;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The projector against the real read-model table, in a JDBC transaction as the event processor runs it. */
@IntegrationTest
class ProviderPaymentProjectorIT {

    @Autowired
    ProviderPaymentProjector projector;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void aRedeliveredEventChangesNothing() {
        String code = Ids.paymentCode();
        var event = new PaymentReceived(code, 12_345, "AA1234567", Instant.parse("2026-03-01T08:00:00Z"), "demo-bank",
                Instant.parse("2026-03-01T08:00:01.123456Z"));

        transaction.executeWithoutResult(status -> projector.on(event));
        transaction.executeWithoutResult(status -> projector.on(event));

        var rows = jdbc.queryForList("""
                SELECT amount_qepik, payer_document_number, provider, received_at = '2026-03-01T08:00:01.123456Z' AS exact
                FROM readmodel.provider_payment WHERE payment_code = ?""", code);
        assertThat(rows).containsExactly(Map.of("amount_qepik", 12_345L, "payer_document_number", "AA1234567",
                "provider", "demo-bank", "exact", true));
    }

    @Test
    void aRolledBackBatchLeavesNoRow() {
        String code = Ids.paymentCode();
        var event = new PaymentReceived(code, 100, "AA1234567", Instant.now(), "demo-bank", Instant.now());

        transaction.executeWithoutResult(status -> {
            projector.on(event);
            status.setRollbackOnly(); // as when the processor fails before committing its token
        });

        assertThat(jdbc.queryForObject("SELECT count(*) FROM readmodel.provider_payment WHERE payment_code = ?",
                Integer.class, code)).isZero();
    }
}
