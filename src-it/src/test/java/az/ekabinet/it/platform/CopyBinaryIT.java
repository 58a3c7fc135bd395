package az.ekabinet.it.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.projection.plumbing.CopyBinary;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rows loaded with COPY's binary format ({@link CopyBinary}): every kind of value reads back as PostgreSQL's text input
 * of the same value would give it (dates and instants on both sides of PostgreSQL's epoch, negative numbers, letters
 * of two bytes), rows many pieces long arrive whole, and a writer that fails loads nothing and leaves its connection
 * usable.
 */
@IntegrationTest
class CopyBinaryIT {

    private static final String COPY = "COPY copy_binary_it (n, code, name, scores, day, at) FROM STDIN (FORMAT binary)";
    /** Enough rows for many pieces. */
    private static final int ROWS = 20_000;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;

    @BeforeEach
    void table() {
        jdbc.execute("""
                CREATE TABLE copy_binary_it (n INT PRIMARY KEY, code CHAR(6) NOT NULL, name VARCHAR(200) NOT NULL,
                    scores INT[] NOT NULL, day DATE NOT NULL, at TIMESTAMPTZ NOT NULL)""");
    }

    @AfterEach
    void dropTable() {
        jdbc.execute("DROP TABLE copy_binary_it");
    }

    @Test
    void everyValueReadsBackAsItsTextWouldGiveIt() {
        long copied = transaction.execute(status -> CopyBinary.load(jdbc, COPY, rows -> {
            rows.row(6).integer(-7).text("200001").text("Şəkər Əliyeva").integers(List.of(0, -5, 1000, 2_000_000_000))
                    .date(LocalDate.of(1999, 12, 31)).timestamp(Instant.parse("1999-12-31T23:59:59.999999Z"));
            rows.row(6).integer(8).text("BAKU-1").text("").integers(List.of())
                    .date(LocalDate.of(2026, 7, 5)).timestamp(Instant.parse("2026-12-07T11:00:00.000001Z"));
        }));

        assertThat(copied).isEqualTo(2);
        assertThat(jdbc.queryForList("""
                SELECT n, code, name, scores::text AS scores, day::text AS day,
                    to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS at
                FROM copy_binary_it ORDER BY n"""))
                .containsExactly(
                        java.util.Map.of("n", -7, "code", "200001", "name", "Şəkər Əliyeva",
                                "scores", "{0,-5,1000,2000000000}", "day", "1999-12-31",
                                "at", "1999-12-31T23:59:59.999999"),
                        java.util.Map.of("n", 8, "code", "BAKU-1", "name", "", "scores", "{}", "day", "2026-07-05",
                                "at", "2026-12-07T11:00:00.000001"));
    }

    @Test
    void rowsWrittenAsTheyGoArriveWholeAndInOrder() {
        Instant at = Instant.parse("2026-07-05T09:30:00.123456Z");
        long copied = transaction.execute(status -> CopyBinary.load(jdbc, COPY, rows -> {
            for (int n = 0; n < ROWS; n++) {
                rows.row(6).integer(n).text("%06d".formatted(n)).text(name(n)).integers(List.of(n, n % 7))
                        .date(LocalDate.of(2026, 7, 5).plusDays(n % 3)).timestamp(at.plusSeconds(n));
            }
        }));

        assertThat(copied).isEqualTo(ROWS);
        List<String> wrong = jdbc.queryForList("""
                SELECT n || ': ' || name FROM copy_binary_it
                WHERE code <> lpad(n::text, 6, '0') OR name <> repeat('Şəkər Əliyeva Ağacıoğlu ', 1 + n % 3) || n
                   OR scores <> ARRAY[n, n % 7] OR day <> DATE '2026-07-05' + n % 3
                   OR at <> TIMESTAMPTZ '2026-07-05 09:30:00.123456+00' + make_interval(secs => n)
                LIMIT 5""", String.class);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM copy_binary_it", Long.class)).isEqualTo(ROWS);
        assertThat(wrong).as("rows that arrived changed").isEmpty();
    }

    @Test
    @Timeout(30) // a COPY left open holds its connection: what comes next would wait for ever
    void aWriterThatFailsLoadsNothingAndLeavesItsConnectionUsable() {
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> CopyBinary.load(jdbc, COPY, rows -> {
            for (int n = 0; n < ROWS; n++) {
                if (n == ROWS / 2) {
                    throw new IllegalStateException("the writer fails half-way");
                }
                rows.row(6).integer(n).text("x").text(name(n)).integers(List.of(n)).date(LocalDate.EPOCH)
                        .timestamp(Instant.EPOCH);
            }
        }))).hasMessage("the writer fails half-way");

        assertThat(jdbc.queryForObject("SELECT count(*) FROM copy_binary_it", Long.class)).isZero();
        // the pool's connections all still answer (one of them cancelled the COPY)
        for (int i = 0; i < 20; i++) {
            assertThat(jdbc.queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
        }
    }

    /** Names of varying length, with Azerbaijani letters (two bytes each in UTF-8). */
    private static String name(int n) {
        return "Şəkər Əliyeva Ağacıoğlu ".repeat(1 + n % 3) + n;
    }
}
