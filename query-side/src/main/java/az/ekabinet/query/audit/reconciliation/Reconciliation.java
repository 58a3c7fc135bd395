package az.ekabinet.query.audit.reconciliation;

import static az.ekabinet.domain.money.Money.wire;

import az.ekabinet.domain.wallet.LedgerLine;
import az.ekabinet.query.audit.WalletEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The checks of one reconciliation run, fed in this order by one reader at a time: the event store's wallet events
 * in global order ({@link #event}), the wallet read model ({@link #readModelWallet}, then {@link #readModelDone}),
 * the findings made in SQL, the ledger's lines in position order ({@link #ledgerLine}), then {@link #report}.
 * Memory: one small tally per wallet, and at most {@link #MAX_LISTED} mismatches listed (all are counted).
 */
final class Reconciliation {

    static final int MAX_LISTED = 1000;

    /** One thing that does not agree; {@code expected} is what the event store says, {@code actual} what was found. */
    public record Mismatch(String kind, String walletId, String cabinetNumber, String expected, String actual,
                           String detail) {
    }

    public record Report(boolean ok, int walletsChecked, long eventsReplayed, String totalCredited,
                         String totalDebited, long ledgerEntriesChecked, long ledgerPending, long mismatchCount,
                         List<Mismatch> mismatches) {
    }

    /** What the replay knows of one wallet. */
    private static final class Tally {
        String cabinetNumber;
        long balanceQepik;
        long lastSequence = -1;
        boolean inReadModel;
    }

    private final Map<String, Tally> wallets = new HashMap<>();
    private final List<Mismatch> listed = new ArrayList<>();
    private long mismatchCount;
    private long eventsReplayed;
    private long creditedQepik;
    private long debitedQepik;
    private long readModelTotalQepik;
    private long ledgerLines;
    private long ledgerPending;
    private long lastPosition;
    private String lastHash = LedgerLine.GENESIS_HASH;

    /** The next wallet event in global order: the balance-after chain, never negative, amounts positive. */
    void event(WalletEvent event) {
        eventsReplayed++;
        Tally tally = wallets.get(event.walletId());
        if (!event.movesMoney()) {
            if (tally != null) {
                mismatch("WALLET_OPENED_TWICE", event.walletId(), tally.cabinetNumber, null, null, at(event));
                return;
            }
            tally = new Tally();
            tally.cabinetNumber = event.cabinetNumber();
            tally.lastSequence = event.sequence();
            wallets.put(event.walletId(), tally);
            return;
        }
        if (tally == null) {
            mismatch("MONEY_IN_UNOPENED_WALLET", event.walletId(), null, null, null, at(event));
            tally = new Tally();
            wallets.put(event.walletId(), tally);
        }
        if (event.sequence() <= tally.lastSequence) {
            mismatch("EVENTS_OUT_OF_ORDER", event.walletId(), tally.cabinetNumber,
                    "sequence after " + tally.lastSequence, Long.toString(event.sequence()), at(event));
        }
        tally.lastSequence = event.sequence();
        if (event.amountQepik() <= 0) {
            mismatch("AMOUNT_NOT_POSITIVE", event.walletId(), tally.cabinetNumber, "more than 0.00",
                    wire(event.amountQepik()), at(event));
        }
        long running = tally.balanceQepik + event.signedAmountQepik();
        if (running != event.balanceAfterQepik()) {
            mismatch("BALANCE_AFTER_DIFFERS", event.walletId(), tally.cabinetNumber, wire(running),
                    wire(event.balanceAfterQepik()), at(event));
        }
        if (Math.min(running, event.balanceAfterQepik()) < 0) {
            mismatch("NEGATIVE_BALANCE", event.walletId(), tally.cabinetNumber, "0.00 or more",
                    wire(Math.min(running, event.balanceAfterQepik())), at(event));
        }
        // go on from the balance the wallet recorded, so that one wrong event is reported once, not at every later one
        tally.balanceQepik = event.balanceAfterQepik();
        if (event.signedAmountQepik() >= 0) {
            creditedQepik = Math.addExact(creditedQepik, event.amountQepik());
        } else {
            debitedQepik = Math.addExact(debitedQepik, event.amountQepik());
        }
    }

    /** The next row of {@code readmodel.wallet}: it must hold the replayed balance. */
    void readModelWallet(String walletId, String cabinetNumber, long balanceQepik) {
        readModelTotalQepik = Math.addExact(readModelTotalQepik, balanceQepik);
        Tally tally = wallets.get(walletId);
        if (tally == null) {
            mismatch("READ_MODEL_WALLET_WITHOUT_EVENTS", walletId, cabinetNumber, null, wire(balanceQepik), null);
            return;
        }
        tally.inReadModel = true;
        if (!Objects.equals(tally.cabinetNumber, cabinetNumber)) {
            mismatch("READ_MODEL_CABINET_NUMBER_DIFFERS", walletId, tally.cabinetNumber, tally.cabinetNumber,
                    cabinetNumber, null);
        }
        if (tally.balanceQepik != balanceQepik) {
            mismatch("READ_MODEL_BALANCE_DIFFERS", walletId, tally.cabinetNumber, wire(tally.balanceQepik),
                    wire(balanceQepik), null);
        }
    }

    /** After the last read-model row: every wallet of the event store must have had one. */
    void readModelDone() {
        wallets.forEach((walletId, tally) -> {
            if (!tally.inReadModel) {
                mismatch("WALLET_MISSING_FROM_READ_MODEL", walletId, tally.cabinetNumber, wire(tally.balanceQepik),
                        null, null);
            }
        });
    }

    /** A payment code's cause ({@code PAYMENT_CODE:<code>}) found on more than one credit. */
    void paymentCodeCreditedAgain(String cause, long credits, String walletIds) {
        mismatch("PAYMENT_CODE_CREDITED_MORE_THAN_ONCE", null, null, "1", Long.toString(credits),
                cause + " credited to " + walletIds);
    }

    /** A transfer whose sides are not one debit and one credit of the same amount. */
    void transferSidesDiffer(String transferId, long debits, long debitedQepik, long credits, long creditedQepik) {
        mismatch("TRANSFER_SIDES_DIFFER", null, null, "one debit and one credit of the same amount",
                debits + " debit(s) of " + wire(debitedQepik) + " in all, " + credits + " credit(s) of "
                        + wire(creditedQepik) + " in all", "transfer " + transferId);
    }

    /**
     * The next ledger line in position order, with the stored hash and the event its global index names (null if
     * there is no such money movement): positions without gaps, each hash recomputed, the line equal to its event.
     */
    void ledgerLine(LedgerLine line, String storedHash, long globalIndex, WalletEvent event) {
        ledgerLines++;
        if (line.position() != lastPosition + 1) {
            mismatch("LEDGER_POSITION_GAP", null, line.cabinetNumber(), Long.toString(lastPosition + 1),
                    Long.toString(line.position()), null);
        }
        String expectedHash = line.hash(lastHash);
        if (!expectedHash.equals(storedHash)) {
            mismatch("LEDGER_HASH_MISMATCH", null, line.cabinetNumber(), expectedHash, storedHash,
                    "position " + line.position());
        }
        lastPosition = line.position();
        lastHash = storedHash;
        if (event == null) {
            mismatch("LEDGER_ENTRY_WITHOUT_EVENT", null, line.cabinetNumber(), null, line.text(),
                    "position " + line.position() + ", global index " + globalIndex);
            return;
        }
        Tally tally = wallets.get(event.walletId());
        var expected = new LedgerLine(line.position(), tally == null ? null : tally.cabinetNumber,
                event.kind().ledgerType(), event.amountQepik(), event.balanceAfterQepik(), event.cause(),
                LedgerLine.timeText(event.occurredAt()));
        if (!expected.equals(line)) {
            mismatch("LEDGER_ENTRY_DIFFERS", event.walletId(), expected.cabinetNumber(), expected.text(), line.text(),
                    "position " + line.position() + ", " + at(event));
        }
    }

    /** A money movement older than the ledger's newest line that has no line of its own. */
    void ledgerLineMissing(long globalIndex, String walletId) {
        Tally tally = wallets.get(walletId);
        mismatch("LEDGER_ENTRY_MISSING", walletId, tally == null ? null : tally.cabinetNumber, null, null,
                "event " + globalIndex + " is older than the ledger's newest line but has none");
    }

    /** Money movements newer than the ledger's newest line: the asynchronous ledger has not reached them yet. */
    void ledgerPending(long events) {
        ledgerPending = events;
    }

    /** The global invariant (credits − debits = the sum of balances), then the answer. */
    Report report() {
        long net = creditedQepik - debitedQepik;
        long replayedTotal = wallets.values().stream().mapToLong(tally -> tally.balanceQepik).sum();
        if (net != replayedTotal) {
            mismatch("MONEY_NOT_CONSERVED", null, null, wire(net), wire(replayedTotal),
                    "credits − debits against the sum of the balances the wallets recorded");
        }
        if (net != readModelTotalQepik) {
            mismatch("READ_MODEL_TOTAL_DIFFERS", null, null, wire(net), wire(readModelTotalQepik),
                    "credits − debits against the sum of readmodel.wallet balances");
        }
        return new Report(mismatchCount == 0, wallets.size(), eventsReplayed, wire(creditedQepik), wire(debitedQepik),
                ledgerLines, ledgerPending, mismatchCount, List.copyOf(listed));
    }

    private static String at(WalletEvent event) {
        return "event " + event.globalIndex() + " (sequence " + event.sequence() + ")";
    }

    private void mismatch(String kind, String walletId, String cabinetNumber, String expected, String actual,
                          String detail) {
        mismatchCount++;
        if (listed.size() < MAX_LISTED) {
            listed.add(new Mismatch(kind, walletId, cabinetNumber, expected, actual, detail));
        }
    }
}
