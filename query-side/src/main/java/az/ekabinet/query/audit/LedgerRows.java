package az.ekabinet.query.audit;

import az.ekabinet.domain.wallet.LedgerLine;
import io.r2dbc.spi.Readable;

/** Rows of {@code readmodel.ledger_entry} (written by the ledger projection) read back as ledger lines. */
public final class LedgerRows {

    /** The columns {@link #line} reads, and the stored hash. */
    public static final String COLUMNS = "l.position, l.cabinet_number, l.type, l.amount_qepik, "
            + "l.balance_after_qepik, l.cause, l.occurred_at, l.hash";

    private LedgerRows() {
    }

    public static LedgerLine line(Readable row) {
        return new LedgerLine(row.get("position", Long.class), row.get("cabinet_number", String.class),
                LedgerLine.Type.valueOf(row.get("type", String.class)), row.get("amount_qepik", Long.class),
                row.get("balance_after_qepik", Long.class), row.get("cause", String.class),
                row.get("occurred_at", String.class));
    }
}
