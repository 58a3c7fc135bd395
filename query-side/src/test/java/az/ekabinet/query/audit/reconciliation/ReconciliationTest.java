package az.ekabinet.query.audit.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.domain.wallet.LedgerLine;
import az.ekabinet.query.audit.WalletEvent;
import az.ekabinet.query.audit.WalletEvent.Kind;
import az.ekabinet.query.audit.reconciliation.Reconciliation.Mismatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reconciliation's checks, fed as the endpoint feeds them, on small hand-made histories. */
class ReconciliationTest {

    private static final Instant T = Instant.parse("2026-01-15T06:00:00Z");
    private long globalIndex;

    private WalletEvent opened(String wallet, String cabinetNumber) {
        return new WalletEvent(++globalIndex, wallet, 0, Kind.OPENED, cabinetNumber, "AZN", 0, 0, null, T);
    }

    private WalletEvent money(String wallet, long sequence, Kind kind, long amount, long after, String cause) {
        return new WalletEvent(++globalIndex, wallet, sequence, kind, null, null, amount, after, cause,
                T.plusSeconds(globalIndex));
    }

    /** Two wallets, a payment credited and a transfer between them. */
    private List<WalletEvent> history() {
        return List.of(opened("wallet:a", "100000009"), opened("wallet:b", "123456782"),
                money("wallet:a", 1, Kind.CREDITED, 5000, 5000, "PAYMENT_CODE:AB12CD34EF56"),
                money("wallet:a", 2, Kind.DEBITED, 1500, 3500, "TRANSFER_OUT:t1"),
                money("wallet:b", 1, Kind.CREDITED, 1500, 1500, "TRANSFER_IN:t1"));
    }

    /** The ledger the projection would write for these events. */
    private static void ledgerOf(Reconciliation checks, List<WalletEvent> events, String... cabinetNumbers) {
        String previous = LedgerLine.GENESIS_HASH;
        int position = 0;
        for (WalletEvent event : events) {
            if (event.movesMoney()) {
                var line = new LedgerLine(++position, cabinetNumbers[event.walletId().equals("wallet:a") ? 0 : 1],
                        event.kind().ledgerType(), event.amountQepik(), event.balanceAfterQepik(), event.cause(),
                        LedgerLine.timeText(event.occurredAt()));
                previous = line.hash(previous);
                checks.ledgerLine(line, previous, event.globalIndex(), event);
            }
        }
    }

    private static Reconciliation replayed(List<WalletEvent> events) {
        var checks = new Reconciliation();
        events.forEach(checks::event);
        return checks;
    }

    /** Replayed, then compared with a read model holding these balances of wallets a and b. */
    private static Reconciliation replayed(List<WalletEvent> events, long balanceA, long balanceB) {
        var checks = replayed(events);
        checks.readModelWallet("wallet:a", "100000009", balanceA);
        checks.readModelWallet("wallet:b", "123456782", balanceB);
        checks.readModelDone();
        return checks;
    }

    @Test
    void aConsistentHistoryIsOk() {
        List<WalletEvent> events = history();
        var checks = replayed(events, 3500, 1500);
        ledgerOf(checks, events, "100000009", "123456782");

        var report = checks.report();
        assertThat(report.mismatches()).isEmpty();
        assertThat(report.ok()).isTrue();
        assertThat(report.walletsChecked()).isEqualTo(2);
        assertThat(report.eventsReplayed()).isEqualTo(5);
        assertThat(report.totalCredited()).isEqualTo("65.00");
        assertThat(report.totalDebited()).isEqualTo("15.00");
        assertThat(report.ledgerEntriesChecked()).isEqualTo(3);
    }

    @Test
    void aReadModelBalanceThatIsOffNamesItsWallet() {
        var report = replayed(history(), 3501, 1500).report();
        assertThat(report.ok()).isFalse();
        assertThat(report.mismatches()).extracting(Mismatch::kind)
                .containsExactly("READ_MODEL_BALANCE_DIFFERS", "READ_MODEL_TOTAL_DIFFERS");
        assertThat(report.mismatches().get(0)).isEqualTo(new Mismatch("READ_MODEL_BALANCE_DIFFERS", "wallet:a",
                "100000009", "35.00", "35.01", null));
    }

    @Test
    void aWrongBalanceAfterIsReportedOnceAndBreaksConservation() {
        List<WalletEvent> events = new ArrayList<>(history());
        events.add(money("wallet:b", 2, Kind.DEBITED, 500, 1100, "EXAM_FEE:100001")); // should be 10.00
        events.add(money("wallet:b", 3, Kind.DEBITED, 100, 1000, "EXAM_FEE:100002"));
        var report = replayed(events, 3500, 1000).report();
        assertThat(report.mismatches()).extracting(Mismatch::kind)
                .containsExactly("BALANCE_AFTER_DIFFERS", "MONEY_NOT_CONSERVED", "READ_MODEL_TOTAL_DIFFERS");
        assertThat(report.mismatches().get(0).expected()).isEqualTo("10.00");
        assertThat(report.mismatches().get(0).actual()).isEqualTo("11.00");
    }

    @Test
    void overdraftsMissingWalletsAndStrayReadModelRowsAreNamed() {
        var checks = replayed(List.of(opened("wallet:a", "100000009"),
                money("wallet:a", 1, Kind.DEBITED, 100, -100, "EXAM_FEE:100001"),
                money("wallet:c", 1, Kind.CREDITED, 100, 100, "PAYMENT_CODE:ZZ12CD34EF56")));
        checks.readModelWallet("wallet:x", "111111116", 0);
        checks.readModelDone();

        assertThat(checks.report().mismatches()).extracting(Mismatch::kind).containsExactlyInAnyOrder(
                "NEGATIVE_BALANCE", "MONEY_IN_UNOPENED_WALLET", "READ_MODEL_WALLET_WITHOUT_EVENTS",
                "WALLET_MISSING_FROM_READ_MODEL", "WALLET_MISSING_FROM_READ_MODEL");
    }

    @Test
    void aLedgerLineChangedAfterItWasHashedBreaksTheChainThere() {
        List<WalletEvent> events = history();
        var checks = replayed(events, 3500, 1500);
        WalletEvent credit = events.get(2);
        var honest = new LedgerLine(1, "100000009", LedgerLine.Type.CREDIT, 5000, 5000, credit.cause(),
                LedgerLine.timeText(credit.occurredAt()));
        var forged = new LedgerLine(1, "100000009", LedgerLine.Type.CREDIT, 50000, 50000, credit.cause(),
                honest.occurredAt());
        checks.ledgerLine(forged, honest.hash(LedgerLine.GENESIS_HASH), credit.globalIndex(), credit);

        assertThat(checks.report().mismatches()).extracting(Mismatch::kind)
                .containsExactly("LEDGER_HASH_MISMATCH", "LEDGER_ENTRY_DIFFERS");
    }

    @Test
    void everyMismatchIsCountedButTheListIsCapped() {
        var checks = new Reconciliation();
        for (int i = 0; i < Reconciliation.MAX_LISTED + 5; i++) {
            checks.paymentCodeCreditedAgain("PAYMENT_CODE:C" + i, 2, "wallet:a, wallet:b");
        }
        var report = checks.report();
        assertThat(report.mismatchCount()).isEqualTo(Reconciliation.MAX_LISTED + 5);
        assertThat(report.mismatches()).hasSize(Reconciliation.MAX_LISTED);
    }
}
