package az.ekabinet.projection.exam;

import az.ekabinet.domain.exam.result.ExamResult;
import az.ekabinet.domain.exam.result.ResultCorrected;
import az.ekabinet.domain.exam.result.ResultSheetDefined;
import az.ekabinet.domain.exam.result.ResultsPublicationSet;
import az.ekabinet.domain.exam.result.ResultsRecorded;
import az.ekabinet.domain.shared.InCommandTransaction;
import az.ekabinet.domain.shared.ReadModelJson;
import az.ekabinet.projection.plumbing.CopyBinary;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code readmodel.result_sheet} and {@code readmodel.exam_result}: each session's sheet and publication instant,
 * each applicant's current result and its revision. Subscribing: written in the importing transaction, so the
 * report an administrator gets is already readable. Setting a publication instant is announced to every node
 * ({@code NOTIFY} on {@value #PUBLICATION_CHANNEL}, the session's id) at commit, so each node's status streams
 * know when to tell their applicants.
 */
@Component
@InCommandTransaction
@ProcessingGroup(ExamResultProjector.PROCESSING_GROUP)
public class ExamResultProjector {

    public static final String PROCESSING_GROUP = "exam-results";
    public static final String PUBLICATION_CHANNEL = "ekabinet_results_publication";

    private final JdbcTemplate jdbc;

    public ExamResultProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ResultSheetDefined event) {
        jdbc.update("""
                INSERT INTO readmodel.result_sheet (session_id, sheet, defined_at) VALUES (?, ?::jsonb, ?)
                ON CONFLICT (session_id) DO UPDATE SET sheet = excluded.sheet, defined_at = excluded.defined_at""",
                event.sessionId(), ReadModelJson.write(event.sheet()), Timestamp.from(event.definedAt()));
    }

    /**
     * A result is recorded once per number (the aggregate sees to it; a replay starts from empty tables), so a part
     * is loaded with one COPY, not a statement per result, in COPY's binary format: the database parses no text.
     */
    @EventHandler
    void on(ResultsRecorded event) {
        CopyBinary.load(jdbc, "COPY readmodel.exam_result (application_number, session_id, scores_tenths, "
                + "total_tenths, exam_date, centre_code, revision, recorded_at) FROM STDIN (FORMAT binary)", rows -> {
                    for (ExamResult result : event.results()) {
                        rows.row(8).text(result.applicationNumber()).text(event.sessionId())
                                .integers(result.scoresTenths()).integer(result.totalTenths()).date(result.examDate())
                                .text(result.centreCode()).integer(1).timestamp(event.recordedAt());
                    }
                });
    }

    @EventHandler
    void on(ResultCorrected event) {
        ExamResult corrected = event.corrected();
        jdbc.update("""
                UPDATE readmodel.exam_result SET scores_tenths = string_to_array(?, ',')::int[], total_tenths = ?,
                    exam_date = ?, centre_code = ?, revision = revision + 1, recorded_at = ?
                WHERE application_number = ?""",
                appendScores(new StringBuilder(), corrected).toString(), corrected.totalTenths(),
                Date.valueOf(corrected.examDate()), corrected.centreCode(), Timestamp.from(event.correctedAt()), corrected.applicationNumber());
    }

    @EventHandler
    void on(ResultsPublicationSet event) {
        jdbc.update("UPDATE readmodel.result_sheet SET publish_at = ? WHERE session_id = ?",
                Timestamp.from(event.publishAt()), event.sessionId());
        jdbc.query("SELECT pg_notify(?, ?)", rs -> { }, PUBLICATION_CHANNEL, event.sessionId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM readmodel.exam_result");
        jdbc.update("DELETE FROM readmodel.result_sheet");
    }

    /** The scores separated by commas, as an array's text within its braces. */
    private static StringBuilder appendScores(StringBuilder text, ExamResult result) {
        List<Integer> scores = result.scoresTenths();
        for (int i = 0; i < scores.size(); i++) {
            (i == 0 ? text : text.append(',')).append(scores.get(i).intValue());
        }
        return text;
    }
}
