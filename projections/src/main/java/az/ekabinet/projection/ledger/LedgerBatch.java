package az.ekabinet.projection.ledger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger's events of one processor batch, collected in the order the processor handled them and written together
 * in the batch's transaction by the {@link LedgerWriter}.
 */
final class LedgerBatch {

    private final LedgerWriter writer;
    private final Map<String, String> opened = new LinkedHashMap<>();
    private final List<LedgerMovement> movements = new ArrayList<>();

    LedgerBatch(LedgerWriter writer) {
        this.writer = writer;
    }

    void opened(String walletId, String cabinetNumber) {
        opened.putIfAbsent(walletId, cabinetNumber);
    }

    void moved(LedgerMovement movement) {
        movements.add(movement);
    }

    void write() {
        writer.write(opened, movements);
    }
}
