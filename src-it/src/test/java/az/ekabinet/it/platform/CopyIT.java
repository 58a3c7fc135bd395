package az.ekabinet.it.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.projection.plumbing.CopyText;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rows loaded with COPY a piece at a time, in its text format ({@link CopyText}): rows many pieces long arrive whole
 * and in order, letters of two bytes included wherever a piece ends; a writer that fails loads nothing and leaves its
 * connection usable.
 */
@IntegrationTest
class CopyIT {

    private static final String TEXT = "COPY copy_it (n, name) FROM STDIN";
    /** Enough rows for many pieces; every name has letters of two bytes in UTF-8. */
    private static final int ROWS = 20_000;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;

    @BeforeEach
    void table() {
        jdbc.execute("""
                CREATE TABLE copy_it (n INT PRIMARY KEY, name TEXT NOT NULL)""");
    }

    @AfterEach
    void dropTable() {
        jdbc.execute("DROP TABLE copy_it");
    }

    @Test
    void rowsWrittenAsTheyGoArriveWholeAndInOrder() {
        long copied = transaction.execute(status -> CopyText.load(jdbc, TEXT, rows -> {
            for (int n = 0; n < ROWS; n++) {
                rows.text().append(n).append('\t').append(name(n)).append('\n');
                rows.rowEnded();
            }
        }));

        assertThat(copied).isEqualTo(ROWS);
        assertNamesLoaded();
    }

    @Test
    void rowsGivenWholeAreSentInPiecesThatEndWithARow() {
        StringBuilder text = new StringBuilder();
        for (int n = 0; n < ROWS; n++) {
            CopyText.appendRow(text, n, name(n));
        }

        long copied = transaction.execute(status -> CopyText.load(jdbc, TEXT, text));

        assertThat(copied).isEqualTo(ROWS);
        assertNamesLoaded();
    }

    @Test
    @Timeout(30) // a COPY left open holds its connection: what comes next would wait for ever
    void aTextWriterThatFailsLoadsNothingAndLeavesItsConnectionUsable() {
        assertAFailingWriterLoadsNothing(() -> CopyText.load(jdbc, TEXT, rows -> {
            for (int n = 0; n < ROWS; n++) {
                failAt(n);
                rows.text().append(n).append('\t').append(name(n)).append('\n');
                rows.rowEnded();
            }
        }));
    }

    private void assertAFailingWriterLoadsNothing(Runnable load) {
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> load.run()))
                .hasMessage("the writer fails half-way");

        assertThat(jdbc.queryForObject("SELECT count(*) FROM copy_it", Long.class)).isZero();
        // the pool's connections all still answer (one of them cancelled the COPY)
        for (int i = 0; i < 20; i++) {
            assertThat(jdbc.queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
        }
    }

    private static void failAt(int n) {
        if (n == ROWS / 2) {
            throw new IllegalStateException("the writer fails half-way");
        }
    }

    /** Names of varying length, so that rows end anywhere in a piece, with Azerbaijani letters (two bytes each). */
    private static String name(int n) {
        return "Şəkər Əliyeva Ağacıoğlu ".repeat(1 + n % 3) + n;
    }

    private void assertNamesLoaded() {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM copy_it", Long.class)).isEqualTo(ROWS);
        List<String> wrong = jdbc.queryForList("""
                SELECT n || ': ' || name FROM copy_it
                WHERE name <> repeat('Şəkər Əliyeva Ağacıoğlu ', 1 + n % 3) || n LIMIT 5""", String.class);
        assertThat(wrong).as("rows whose name arrived changed").isEmpty();
    }
}
