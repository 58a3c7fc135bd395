package az.ekabinet.projection.ops;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.domain.cabinet.CabinetActivated;
import az.ekabinet.domain.exam.result.ExamResult;
import az.ekabinet.domain.exam.result.ResultCorrected;
import az.ekabinet.domain.exam.result.ResultsPublicationSet;
import az.ekabinet.domain.exam.result.ResultsRecorded;
import az.ekabinet.domain.payment.PaymentCodeRedeemed;
import az.ekabinet.domain.payment.PaymentReceived;
import az.ekabinet.it.support.IntegrationTest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ops counters add up a batch's events in memory and write the row once, when the batch commits. The batch runs
 * as the streaming processor runs it (a batching unit of work), inside a transaction this test rolls back after
 * reading the row, so the service's real totals are left as they were.
 */
@IntegrationTest
class OpsCountersBatchIT {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    final AtomicInteger updates = new AtomicInteger();

    @Test
    void aBatchIsCountedByOneUpdateWhenItCommits() {
        List<EventMessage<?>> batch = List.of(received(150), redeemed(150), received(2_075), activated(),
                redeemed(2_075), received(1), recorded(false, "100001", "100002"), corrected("100001"),
                publicationSet(null, 2), publicationSet(Instant.EPOCH, 2), recorded(true, "100003"));

        Map<String, Object> added = inRolledBackTransaction(() -> handle(batch, false));

        assertThat(updates).as("updates of the counters' row").hasValue(1);
        assertThat(added).containsEntry("payments_received", 3L).containsEntry("payments_received_qepik", 2_226L)
                .containsEntry("payments_credited", 2L).containsEntry("payments_credited_qepik", 2_225L)
                .containsEntry("cabinets_opened", 1L).containsEntry("fees_charged", 0L)
                .containsEntry("applications_confirmed", 0L);
        assertThat(added).as("results: two recorded before the publication was set (then moved, which publishes "
                        + "nothing more), one after")
                .containsEntry("results_imported", 3L).containsEntry("results_corrected", 1L)
                .containsEntry("results_published", 3L);
    }

    @Test
    void aBatchThatFailsCountsNothing() {
        Map<String, Object> added = inRolledBackTransaction(() -> handle(List.of(received(500), redeemed(500),
                recorded(true, "100004"), corrected("100004"), publicationSet(null, 1)), true));

        assertThat(updates).hasValue(0);
        assertThat(added.values()).allMatch(v -> v.equals(0L));
    }

    /** The batch through the projector as its processor hands it over; fails after its last event if asked. */
    private void handle(List<EventMessage<?>> batch, boolean failAtTheEnd) {
        JdbcTemplate counting = new JdbcTemplate(jdbc.getDataSource()) {
            @Override
            public int update(String sql, Object... args) {
                updates.incrementAndGet();
                return super.update(sql, args);
            }
        };
        var projector = new AnnotationEventHandlerAdapter(new OpsCountersProjector(counting));
        var unitOfWork = new BatchingUnitOfWork<>(batch);
        unitOfWork.executeWithResult(() -> {
            EventMessage<?> event = (EventMessage<?>) CurrentUnitOfWork.get().getMessage();
            projector.handle(event);
            if (failAtTheEnd && event == batch.get(batch.size() - 1)) {
                throw new IllegalStateException("the batch fails");
            }
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);
    }

    /** What the work added to each counter, read in its transaction, which is then rolled back. */
    private Map<String, Object> inRolledBackTransaction(Runnable work) {
        return new TransactionTemplate(transactions).execute(status -> {
            Map<String, Object> before = counters();
            work.run();
            Map<String, Object> after = counters();
            status.setRollbackOnly();
            return after.keySet().stream().collect(java.util.stream.Collectors.toMap(k -> k,
                    k -> ((Number) after.get(k)).longValue() - ((Number) before.get(k)).longValue()));
        });
    }

    private Map<String, Object> counters() {
        return jdbc.queryForMap("""
                SELECT cabinets_opened, payments_received, payments_received_qepik, payments_credited,
                       payments_credited_qepik, fees_charged, fees_charged_qepik, applications_confirmed,
                       results_imported, results_corrected, results_published
                FROM readmodel.ops_counters WHERE id = 1""");
    }

    private static EventMessage<?> received(long qepik) {
        return GenericEventMessage.asEventMessage(
                new PaymentReceived("P-" + qepik, qepik, "AA1234567", Instant.EPOCH, "demo-bank", Instant.EPOCH));
    }

    private static EventMessage<?> redeemed(long qepik) {
        return GenericEventMessage.asEventMessage(
                new PaymentCodeRedeemed("P-" + qepik, "wallet-1", "cabinet-1", qepik, Instant.EPOCH));
    }

    private static ExamResult result(String applicationNumber, int scoreTenths) {
        return new ExamResult(applicationNumber, List.of(scoreTenths), scoreTenths, LocalDate.EPOCH, "BAKU-01");
    }

    /**
     * Results recorded as the event store hands them over, except that their payload cannot be read: the counters
     * take what they count from the metadata, never deserializing thousands of results to count them.
     */
    private static EventMessage<?> recorded(boolean publicationSet, String... applicationNumbers) {
        List<ExamResult> results = Arrays.stream(applicationNumbers).map(n -> result(n, 455)).toList();
        var event = new ResultsRecorded("exam-results:s", "exam-session:s", "import-1", "admin", Instant.EPOCH,
                publicationSet, results);
        return new GenericEventMessage<>(event, event.counts()) {
            @Override
            public ResultsRecorded getPayload() {
                throw new AssertionError("the ops counters read a ResultsRecorded's results");
            }
        };
    }

    private static EventMessage<?> corrected(String applicationNumber) {
        return GenericEventMessage.asEventMessage(new ResultCorrected("exam-results:s", "exam-session:s", "import-2",
                "admin", Instant.EPOCH, result(applicationNumber, 455), result(applicationNumber, 460)));
    }

    private static EventMessage<?> publicationSet(Instant previousPublishAt, long resultCount) {
        return GenericEventMessage.asEventMessage(new ResultsPublicationSet("exam-results:s", "exam-session:s",
                Instant.EPOCH.plusSeconds(3600), previousPublishAt, resultCount, "admin", Instant.EPOCH));
    }

    private static EventMessage<?> activated() {
        return GenericEventMessage.asEventMessage(
                new CabinetActivated("cabinet-1", "100001", "AB12C3D", "+994501234567", null, Instant.EPOCH));
    }
}
