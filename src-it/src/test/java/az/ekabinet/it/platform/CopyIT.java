package az.ekabinet.it.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.projection.plumbing.CopyBinary;
import az.ekabinet.projection.plumbing.CopyText;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rows loaded with COPY a piece at a time, in its text format ({@link CopyText}) and its binary one
 * ({@link CopyBinary}): rows many pieces long arrive whole and in order, letters of two bytes included wherever a piece
 * ends; every kind of binary value reads back as PostgreSQL's text input of the same value would give it (dates and
 * instants on both sides of PostgreSQL's epoch, negative numbers); a writer that fails loads nothing and leaves its
 * connection usable.
 */
@IntegrationTest
class CopyIT {

    private static final String TEXT = "COPY copy_it (n, name) FROM STDIN";
    private static final String BINARY = "COPY copy_it (n, name, code, scores, day, at) FROM STDIN (FORMAT binary)";
    /** Enough rows for many pieces; every name has letters of two bytes in UTF-8. */
    private static final int ROWS = 20_000;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;

    @BeforeEach
    void table() {
        jdbc.execute("""
                CREATE TABLE copy_it (n INT PRIMARY KEY, name TEXT NOT NULL, code CHAR(6), scores INT[], day DATE,
                    at TIMESTAMPTZ)""");
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
    void binaryRowsWrittenAsTheyGoArriveWholeAndInOrder() {
        Instant at = Instant.parse("2026-07-05T09:30:00.123456Z");
        long copied = transaction.execute(status -> CopyBinary.load(jdbc, BINARY, rows -> {
            for (int n = 0; n < ROWS; n++) {
                rows.row(6).integer(n).text(name(n)).text("%06d".formatted(n)).integers(List.of(n, n % 7))
                        .date(LocalDate.of(2026, 7, 5).plusDays(n % 3)).timestamp(at.plusSeconds(n));
            }
        }));

        assertThat(copied).isEqualTo(ROWS);
        assertNamesLoaded();
        assertThat(jdbc.queryForList("""
                SELECT n FROM copy_it
                WHERE code <> lpad(n::text, 6, '0') OR scores <> ARRAY[n, n % 7] OR day <> DATE '2026-07-05' + n % 3
                   OR at <> TIMESTAMPTZ '2026-07-05 09:30:00.123456+00' + make_interval(secs => n)
                LIMIT 5""", Integer.class)).as("rows whose values arrived changed").isEmpty();
    }

    @Test
    void everyBinaryValueReadsBackAsItsTextWouldGiveIt() {
        transaction.executeWithoutResult(status -> CopyBinary.load(jdbc, BINARY, rows -> {
            rows.row(6).integer(-7).text("Şəkər Əliyeva").text("200001").integers(List.of(0, -5, 1000, 2_000_000_000))
                    .date(LocalDate.of(1999, 12, 31)).timestamp(Instant.parse("1999-12-31T23:59:59.999999Z"));
            rows.row(6).integer(8).text("").text("BAKU-1").integers(List.of())
                    .date(LocalDate.of(2026, 7, 5)).timestamp(Instant.parse("2026-12-07T11:00:00.000001Z"));
        }));

        assertThat(jdbc.queryForList("""
                SELECT n, name, code, scores::text AS scores, day::text AS day,
                    to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS at
                FROM copy_it ORDER BY n"""))
                .containsExactly(
                        Map.of("n", -7, "name", "Şəkər Əliyeva", "code", "200001", "scores", "{0,-5,1000,2000000000}",
                                "day", "1999-12-31", "at", "1999-12-31T23:59:59.999999"),
                        Map.of("n", 8, "name", "", "code", "BAKU-1", "scores", "{}", "day", "2026-07-05",
                                "at", "2026-12-07T11:00:00.000001"));
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

    @Test
    @Timeout(30)
    void aBinaryWriterThatFailsLoadsNothingAndLeavesItsConnectionUsable() {
        assertAFailingWriterLoadsNothing(() -> CopyBinary.load(jdbc, BINARY, rows -> {
            for (int n = 0; n < ROWS; n++) {
                failAt(n);
                rows.row(6).integer(n).text(name(n)).text("x").integers(List.of(n)).date(LocalDate.EPOCH)
                        .timestamp(Instant.EPOCH);
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
