package az.ekabinet.projection.ledger;

import az.ekabinet.domain.wallet.LedgerLine;
import az.ekabinet.projection.plumbing.CopyText;

/**
 * Makes the next lines of the ledger after a given last line: each gets the next position and the hash over it and
 * the previous hash ({@link LedgerLine}), and is appended as one row of PostgreSQL's COPY text format. The live
 * processor's batches ({@link LedgerBatch}) and the bulk rebuild ({@link LedgerRebuild}) both write through it.
 */
final class LedgerChain {

    /** The ledger's columns in the order {@link #append} writes them. */
    static final String COLUMNS = "position, global_index, wallet_id, cabinet_number, type, amount_qepik, "
            + "balance_after_qepik, cause, occurred_at, hash";

    private long position;
    private String hash;

    /** After the line at {@code lastPosition} with {@code lastHash}; {@code (0, GENESIS_HASH)} for an empty ledger. */
    LedgerChain(long lastPosition, String lastHash) {
        this.position = lastPosition;
        this.hash = lastHash;
    }

    static LedgerChain empty() {
        return new LedgerChain(0, LedgerLine.GENESIS_HASH);
    }

    /** Chains the movement's line after the last one and appends it to {@code copyText}, newline included. */
    void append(long globalIndex, LedgerMovement movement, String cabinetNumber, StringBuilder copyText) {
        var line = new LedgerLine(position + 1, cabinetNumber, movement.type(), movement.amountQepik(),
                movement.balanceAfterQepik(), movement.cause(), LedgerLine.timeText(movement.occurredAt()));
        String lineHash = line.hash(hash);
        Object[] columns = {line.position(), globalIndex, movement.walletId(), cabinetNumber, movement.type().name(),
                movement.amountQepik(), movement.balanceAfterQepik(), movement.cause(), line.occurredAt(), lineHash};
        CopyText.appendRow(copyText, columns);
        position = line.position();
        hash = lineHash;
    }

    /** The position of the last line: the one most recently appended, or the one the chain was made after. */
    long position() {
        return position;
    }
}
