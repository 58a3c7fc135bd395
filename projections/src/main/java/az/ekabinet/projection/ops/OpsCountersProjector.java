package az.ekabinet.projection.ops;

import az.ekabinet.domain.cabinet.CabinetActivated;
import az.ekabinet.domain.exam.application.ApplicationConfirmed;
import az.ekabinet.domain.exam.application.ApplicationConfirming;
import az.ekabinet.domain.payment.PaymentCodeRedeemed;
import az.ekabinet.domain.payment.PaymentReceived;
import az.ekabinet.domain.wallet.FundsDebited;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The operators' totals ({@code readmodel.ops_counters}, one row): cabinets opened, payments received and credited,
 * exam fees charged (count and sum) and applications confirmed. A streaming processor with a single segment keeps
 * them, behind the commands and never in their way (no command waits on this hot row), and its updates commit
 * with its token, so an event counts once even when a batch is redelivered. A replay counts everything again.
 */
@Component
@ProcessingGroup(OpsCountersProjector.PROCESSING_GROUP)
public class OpsCountersProjector {

    public static final String PROCESSING_GROUP = "ops-counters";

    private final JdbcTemplate jdbc;

    public OpsCountersProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CabinetActivated event) {
        jdbc.update("UPDATE readmodel.ops_counters SET cabinets_opened = cabinets_opened + 1 WHERE id = 1");
    }

    @EventHandler
    void on(PaymentReceived event) {
        jdbc.update("""
                UPDATE readmodel.ops_counters SET payments_received = payments_received + 1,
                    payments_received_qepik = payments_received_qepik + ? WHERE id = 1""", event.amountQepik());
    }

    @EventHandler
    void on(PaymentCodeRedeemed event) {
        jdbc.update("""
                UPDATE readmodel.ops_counters SET payments_credited = payments_credited + 1,
                    payments_credited_qepik = payments_credited_qepik + ? WHERE id = 1""", event.amountQepik());
    }

    @EventHandler
    void on(FundsDebited event) {
        if (event.cause().startsWith(ApplicationConfirming.FEE_CAUSE)) {
            jdbc.update("""
                    UPDATE readmodel.ops_counters SET fees_charged = fees_charged + 1,
                        fees_charged_qepik = fees_charged_qepik + ? WHERE id = 1""", event.amountQepik());
        }
    }

    @EventHandler
    void on(ApplicationConfirmed event) {
        jdbc.update("UPDATE readmodel.ops_counters SET applications_confirmed = applications_confirmed + 1 WHERE id = 1");
    }

    @ResetHandler
    void reset() {
        jdbc.update("""
                UPDATE readmodel.ops_counters SET cabinets_opened = 0, payments_received = 0, payments_received_qepik = 0,
                    payments_credited = 0, payments_credited_qepik = 0, fees_charged = 0, fees_charged_qepik = 0,
                    applications_confirmed = 0 WHERE id = 1""");
    }
}
