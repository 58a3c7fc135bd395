package az.ekabinet.projection.payment;

import az.ekabinet.domain.payment.PaymentCodeRedeemed;
import az.ekabinet.domain.payment.PaymentReceived;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Builds {@code readmodel.provider_payment}: every payment code providers notified us of. Runs in the event
 * processor's JDBC transaction together with its token, and every write is idempotent, so a redelivered batch
 * changes nothing.
 */
@Component
@ProcessingGroup(ProviderPaymentProjector.PROCESSING_GROUP)
public class ProviderPaymentProjector {

    public static final String PROCESSING_GROUP = "provider-payments";

    private final JdbcTemplate jdbc;

    public ProviderPaymentProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(PaymentReceived event) {
        jdbc.update("""
                INSERT INTO readmodel.provider_payment
                    (payment_code, amount_qepik, payer_document_number, paid_at, provider, received_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (payment_code) DO NOTHING""",
                event.paymentCode(), event.amountQepik(), event.payerDocumentNumber(),
                Timestamp.from(event.paidAt()), event.provider(), Timestamp.from(event.receivedAt()));
    }

    @EventHandler
    public void on(PaymentCodeRedeemed event) {
        jdbc.update("""
                UPDATE readmodel.provider_payment SET credited_at = ?, credited_to_wallet = ?
                WHERE payment_code = ? AND credited_at IS NULL""",
                Timestamp.from(event.redeemedAt()), event.walletId(), event.paymentCode());
    }

    @ResetHandler
    public void reset() {
        jdbc.update("DELETE FROM readmodel.provider_payment");
    }
}
