package az.ekabinet.projection.exam;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.domain.exam.result.ExamResult;
import az.ekabinet.domain.exam.result.ResultCorrected;
import az.ekabinet.domain.exam.result.ResultsRecorded;
import az.ekabinet.it.support.IntegrationTest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The results' blocks as the projector writes them, event by event, on the real database: a later part's result joins
 * the block that already holds others (appended after them), a result of another hundred gets a block of its own,
 * and corrections replace their line and count its revision up. Run in a transaction rolled back afterwards.
 */
@IntegrationTest
class ExamResultProjectorIT {

    static final String SESSION = "exam-session:projector-it";
    static final LocalDate DAY = LocalDate.parse("2026-07-05");
    static final Instant AT = Instant.parse("2026-07-20T08:00:00Z");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    static ExamResult result(String number, int score) {
        return new ExamResult(number, List.of(score), score, DAY, "BAKU-01");
    }

    static ResultsRecorded recorded(ExamResult... results) {
        return new ResultsRecorded("exam-results:projector-it", SESSION, "import", "admin", AT, false,
                List.of(results));
    }

    static ResultCorrected corrected(ExamResult previous, ExamResult corrected) {
        return new ResultCorrected("exam-results:projector-it", SESSION, "import", "admin", AT, previous, corrected);
    }

    @Test
    void aLaterPartJoinsItsBlockAndCorrectionsReplaceTheirLineAndCountTheirRevision() {
        var projector = new ExamResultProjector(jdbc);

        List<Map<String, Object>> blocks = new TransactionTemplate(transactions).execute(status -> {
            status.setRollbackOnly();
            projector.on(recorded(result("200001", 10), result("200150", 20)));
            projector.on(recorded(result("200002", 30)));
            projector.on(corrected(result("200001", 10), result("200001", 11)));
            projector.on(corrected(result("200001", 11), result("200001", 12)));
            projector.on(corrected(result("200150", 20), result("200150", 21)));
            return jdbc.queryForList("""
                    SELECT block, lines, revisions::text AS revisions FROM readmodel.exam_result_block
                    WHERE session_id = ? ORDER BY block""", SESSION);
        });

        assertThat(blocks).containsExactly(
                Map.of("block", 2000, "lines", "\n200001,12,12,2026-07-05,BAKU-01\n200002,30,30,2026-07-05,BAKU-01",
                        "revisions", "{\"200001\": 3}"),
                Map.of("block", 2001, "lines", "\n200150,21,21,2026-07-05,BAKU-01", "revisions", "{\"200150\": 2}"));
    }
}
