package az.ekabinet.it.exam;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.domain.exam.result.ExamResult;
import az.ekabinet.domain.exam.result.ResultBlocks;
import az.ekabinet.it.support.ServiceProcess;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A database holding results as keyed rows (before V24) keeps every result, and its revision, once its results are
 * kept in blocks: each block's lines are those {@link ResultBlocks} would write for the same results.
 */
class ResultBlocksMigrationIT {

    private static final int POSTGRES_PORT = 5432;
    private static final String SESSION = "exam-session:2025-2026-magistr-1";
    private static final LocalDate DAY = LocalDate.parse("2026-07-05");

    private static String database;
    private static DriverManagerDataSource dataSource;

    @BeforeAll
    static void createDatabase() throws SQLException {
        database = ServiceProcess.createDatabase("blocks", POSTGRES_PORT);
        dataSource = new DriverManagerDataSource("jdbc:postgresql://localhost:5432/" + database, "postgres", "");
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        ServiceProcess.dropDatabase(database, POSTGRES_PORT);
    }

    private static Flyway flyway(String target) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(target).load();
    }

    @Test
    void resultsKeptAsRowsAreKeptInBlocksWithTheirRevisions() {
        flyway("23").migrate();
        var jdbc = new JdbcTemplate(dataSource);
        String insert = """
                INSERT INTO readmodel.exam_result (application_number, session_id, scores_tenths, total_tenths,
                    exam_date, centre_code, revision, recorded_at) VALUES (?, ?, ?::int[], ?, ?, ?, ?, now())""";
        jdbc.update(insert, "200101", SESSION, "{455,300}", 755, DAY, "BAKU-01", 1);
        jdbc.update(insert, "200100", SESSION, "{0,5}", 5, DAY, "GANJA-2", 3);
        jdbc.update(insert, "200199", SESSION, "{1000,1000}", 2000, DAY.plusDays(1), "BAKU-01", 1);
        jdbc.update(insert, "200200", "exam-session:2025-2026-magistr-2", "{7}", 7, DAY, "BAKU-01", 2);

        flyway("latest").migrate();

        var block = new StringBuilder();
        for (ExamResult result : List.of(new ExamResult("200100", List.of(0, 5), 5, DAY, "GANJA-2"),
                new ExamResult("200101", List.of(455, 300), 755, DAY, "BAKU-01"),
                new ExamResult("200199", List.of(1000, 1000), 2000, DAY.plusDays(1), "BAKU-01"))) {
            ResultBlocks.append(block, result);
        }
        var other = ResultBlocks.append(new StringBuilder(), new ExamResult("200200", List.of(7), 7, DAY, "BAKU-01"));
        assertThat(jdbc.queryForList("""
                SELECT session_id, block, lines, revisions::text AS revisions FROM readmodel.exam_result_block
                ORDER BY session_id, block"""))
                .containsExactly(
                        Map.of("session_id", SESSION, "block", 2001, "lines", block.toString(),
                                "revisions", "{\"200100\": 3}"),
                        Map.of("session_id", "exam-session:2025-2026-magistr-2", "block", 2002,
                                "lines", other.toString(), "revisions", "{\"200200\": 2}"));
        assertThat(jdbc.queryForObject("SELECT to_regclass('readmodel.exam_result') IS NULL", Boolean.class))
                .as("the keyed rows' table is gone").isTrue();
    }
}
