package az.ekabinet.projection.plumbing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CopyTextTest {

    @Test
    void copyTextEscapesWhatWouldEndAColumnOrARow() {
        StringBuilder text = new StringBuilder();
        CopyText.appendValue(text, "PAYMENT_CODE:AB12\ta\\b\nc\rd");
        assertThat(text).hasToString("PAYMENT_CODE:AB12\\ta\\\\b\\nc\\rd");
    }

    @Test
    void copyTextLeavesOrdinaryValuesAsTheyAre() {
        StringBuilder text = new StringBuilder();
        CopyText.appendValue(text, "Əliyev|2026-01-15T06:00:00.120000Z");
        assertThat(text).hasToString("Əliyev|2026-01-15T06:00:00.120000Z");
    }

    @Test
    void aRowIsItsColumnsBetweenTabsEndedByANewline() {
        StringBuilder text = new StringBuilder();
        CopyText.appendRow(text, 7L, "CREDIT", "a\tb");
        CopyText.appendRow(text, 8L, "DEBIT", "c");
        assertThat(text).hasToString("7\tCREDIT\ta\\tb\n8\tDEBIT\tc\n");
    }
}
