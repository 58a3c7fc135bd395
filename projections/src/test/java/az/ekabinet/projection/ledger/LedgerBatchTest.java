package az.ekabinet.projection.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LedgerBatchTest {

    @Test
    void copyTextEscapesWhatWouldEndAColumnOrARow() {
        StringBuilder text = new StringBuilder();
        LedgerBatch.appendCopyText(text, "PAYMENT_CODE:AB12\ta\\b\nc\rd");
        assertThat(text).hasToString("PAYMENT_CODE:AB12\\ta\\\\b\\nc\\rd");
    }

    @Test
    void copyTextLeavesOrdinaryValuesAsTheyAre() {
        StringBuilder text = new StringBuilder();
        LedgerBatch.appendCopyText(text, "Əliyev|2026-01-15T06:00:00.120000Z");
        assertThat(text).hasToString("Əliyev|2026-01-15T06:00:00.120000Z");
    }
}
