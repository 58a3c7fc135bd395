package az.ekabinet.projection.ops;

import az.ekabinet.domain.cabinet.CabinetActivated;
import az.ekabinet.domain.exam.application.ApplicationConfirmed;
import az.ekabinet.domain.exam.result.ResultCorrected;
import az.ekabinet.domain.exam.result.ResultsPublicationSet;
import az.ekabinet.domain.exam.result.ResultsRecorded;
import az.ekabinet.domain.payment.PaymentCodeRedeemed;
import az.ekabinet.domain.payment.PaymentReceived;
import az.ekabinet.domain.wallet.FundsDebited;
import az.ekabinet.domain.wallet.MovementCause;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The operators' totals ({@code readmodel.ops_counters}, one row): cabinets opened, payments received and credited,
 * exam fees charged (count and sum), applications confirmed, and exam results imported, corrected and published
 * (counts only). A streaming processor with a single segment keeps them, behind the commands and never in their way
 * (no command waits on this hot row), and its updates commit with its token, so an event counts once even when a
 * batch is redelivered. A replay counts everything again.
 *
 * <p>A batch's events are summed in memory and written with one update when the batch commits, not one per event:
 * the row is written once per batch, whatever the batch holds.
 */
@Component
@ProcessingGroup(OpsCountersProjector.PROCESSING_GROUP)
public class OpsCountersProjector {

    public static final String PROCESSING_GROUP = "ops-counters";

    private static final String BATCH_COUNTS = OpsCountersProjector.class.getName() + ".batch";

    private final JdbcTemplate jdbc;

    public OpsCountersProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CabinetActivated event) {
        batch().cabinetsOpened++;
    }

    @EventHandler
    void on(PaymentReceived event) {
        Counts counts = batch();
        counts.paymentsReceived++;
        counts.paymentsReceivedQepik += event.amountQepik();
    }

    @EventHandler
    void on(PaymentCodeRedeemed event) {
        Counts counts = batch();
        counts.paymentsCredited++;
        counts.paymentsCreditedQepik += event.amountQepik();
    }

    @EventHandler
    void on(FundsDebited event) {
        if (event.movementCause().kind() == MovementCause.Kind.EXAM_FEE) {
            Counts counts = batch();
            counts.feesCharged++;
            counts.feesChargedQepik += event.amountQepik();
        }
    }

    @EventHandler
    void on(ApplicationConfirmed event) {
        batch().applicationsConfirmed++;
    }

    /**
     * Counted from the event's metadata: the results themselves (hundreds of kilobytes an event) are never read
     * here, which would cost as much as recording them.
     */
    @EventHandler(payloadType = ResultsRecorded.class)
    void onResultsRecorded(@MetaDataValue(value = ResultsRecorded.RESULT_COUNT, required = true) Number results,
                           @MetaDataValue(value = ResultsRecorded.PUBLICATION_SET, required = true)
                           Boolean publicationSet) {
        Counts counts = batch();
        counts.resultsImported += results.longValue();
        if (publicationSet) {
            // recorded after the session's publication was set: they are published with the others
            counts.resultsPublished += results.longValue();
        }
    }

    @EventHandler
    void on(ResultCorrected event) {
        batch().resultsCorrected++;
    }

    /**
     * Only the first instant set publishes: a moved instant publishes nothing more, and results recorded after it
     * was set are counted as they are recorded.
     */
    @EventHandler
    void on(ResultsPublicationSet event) {
        if (event.previousPublishAt() == null) {
            batch().resultsPublished += event.resultCount();
        }
    }

    @ResetHandler
    void reset() {
        jdbc.update("""
                UPDATE readmodel.ops_counters SET cabinets_opened = 0, payments_received = 0, payments_received_qepik = 0,
                    payments_credited = 0, payments_credited_qepik = 0, fees_charged = 0, fees_charged_qepik = 0,
                    applications_confirmed = 0, results_imported = 0, results_corrected = 0, results_published = 0
                WHERE id = 1""");
    }

    /**
     * The counts of the batch being handled, written when it commits: in its transaction, after its last event and
     * with its token, so a batch that rolls back counts nothing.
     */
    private Counts batch() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(BATCH_COUNTS, key -> {
            Counts counts = new Counts();
            batch.onPrepareCommit(committing -> counts.addTo(jdbc));
            return counts;
        });
    }

    /** What one batch adds to the totals. */
    private static final class Counts {
        long cabinetsOpened;
        long paymentsReceived;
        long paymentsReceivedQepik;
        long paymentsCredited;
        long paymentsCreditedQepik;
        long feesCharged;
        long feesChargedQepik;
        long applicationsConfirmed;
        long resultsImported;
        long resultsCorrected;
        long resultsPublished;

        void addTo(JdbcTemplate jdbc) {
            jdbc.update("""
                    UPDATE readmodel.ops_counters SET cabinets_opened = cabinets_opened + ?,
                        payments_received = payments_received + ?, payments_received_qepik = payments_received_qepik + ?,
                        payments_credited = payments_credited + ?, payments_credited_qepik = payments_credited_qepik + ?,
                        fees_charged = fees_charged + ?, fees_charged_qepik = fees_charged_qepik + ?,
                        applications_confirmed = applications_confirmed + ?, results_imported = results_imported + ?,
                        results_corrected = results_corrected + ?, results_published = results_published + ?
                    WHERE id = 1""",
                    cabinetsOpened, paymentsReceived, paymentsReceivedQepik, paymentsCredited, paymentsCreditedQepik,
                    feesCharged, feesChargedQepik, applicationsConfirmed, resultsImported, resultsCorrected,
                    resultsPublished);
        }
    }
}
