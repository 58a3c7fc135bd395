package az.ekabinet.projection.exam;

import az.ekabinet.domain.exam.result.ExamResult;
import az.ekabinet.domain.exam.result.ResultBlocks;
import az.ekabinet.domain.exam.result.ResultCorrected;
import az.ekabinet.domain.exam.result.ResultSheetDefined;
import az.ekabinet.domain.exam.result.ResultsPublicationSet;
import az.ekabinet.domain.exam.result.ResultsRecorded;
import az.ekabinet.domain.shared.InCommandTransaction;
import az.ekabinet.domain.shared.ReadModelJson;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.List;
import java.util.TreeMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code readmodel.result_sheet} and {@code readmodel.exam_result_block}: each session's sheet and publication
 * instant, each applicant's current result and its revision ({@link ResultBlocks}). Subscribing: written in the
 * importing transaction, so the report an administrator gets is already readable. Setting a publication instant is
 * announced to every node ({@code NOTIFY} on {@value #PUBLICATION_CHANNEL}, the session's id) at commit, so each
 * node's status streams know when to tell their applicants.
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
     * A result is recorded once per number (the aggregate sees to it; a replay starts from empty tables), so a part's
     * results are appended to their blocks' lines, with one statement for the part.
     */
    @EventHandler
    void on(ResultsRecorded event) {
        var blocks = new TreeMap<Integer, StringBuilder>();
        for (ExamResult result : event.results()) {
            ResultBlocks.append(blocks.computeIfAbsent(ResultBlocks.blockOf(result.applicationNumber()),
                    block -> new StringBuilder()), result);
        }
        Integer[] blockNumbers = blocks.keySet().toArray(Integer[]::new);
        String[] lines = blocks.values().stream().map(StringBuilder::toString).toArray(String[]::new);
        jdbc.update(connection -> {
            PreparedStatement append = connection.prepareStatement("""
                    INSERT INTO readmodel.exam_result_block (session_id, block, lines)
                    SELECT ?, block, lines FROM unnest(?::int[], ?::text[]) AS part (block, lines)
                    ON CONFLICT (session_id, block) DO UPDATE
                        SET lines = readmodel.exam_result_block.lines || excluded.lines""");
            append.setString(1, event.sessionId());
            append.setArray(2, connection.createArrayOf("int4", blockNumbers));
            append.setArray(3, connection.createArrayOf("text", lines));
            return append;
        });
    }

    /**
     * The corrected line replaces the previous one in its block; the result's revision goes one up. A block or line
     * found missing (a read model changed by hand) gets the corrected line rather than failing the correction; a
     * missing block's revision restarts at 2, the first correction's (a replay restores the true one).
     */
    @EventHandler
    void on(ResultCorrected event) {
        ExamResult corrected = event.corrected();
        String number = corrected.applicationNumber();
        int block = ResultBlocks.blockOf(number);
        List<String> lines = jdbc.queryForList("""
                SELECT lines FROM readmodel.exam_result_block WHERE session_id = ? AND block = ? FOR UPDATE""",
                String.class, event.sessionId(), block);
        jdbc.update("""
                INSERT INTO readmodel.exam_result_block AS b (session_id, block, lines, revisions)
                VALUES (?, ?, ?, jsonb_build_object(?::text, 2))
                ON CONFLICT (session_id, block) DO UPDATE SET lines = excluded.lines,
                    revisions = COALESCE(b.revisions, '{}')
                        || jsonb_build_object(?::text, COALESCE((b.revisions ->> ?)::int, 1) + 1)""",
                event.sessionId(), block, ResultBlocks.withResult(lines.isEmpty() ? "" : lines.get(0), corrected),
                number, number, number);
    }

    @EventHandler
    void on(ResultsPublicationSet event) {
        jdbc.update("UPDATE readmodel.result_sheet SET publish_at = ? WHERE session_id = ?",
                Timestamp.from(event.publishAt()), event.sessionId());
        jdbc.query("SELECT pg_notify(?, ?)", rs -> { }, PUBLICATION_CHANNEL, event.sessionId());
    }

    @ResetHandler
    void reset() {
        // the replay runs in one transaction: an import committing meanwhile waits for it rather than leave a block
        // the replay's DELETE did not see, to which the replay would append the import's results a second time
        jdbc.execute("LOCK TABLE readmodel.exam_result_block IN SHARE ROW EXCLUSIVE MODE");
        jdbc.update("DELETE FROM readmodel.exam_result_block");
        jdbc.update("DELETE FROM readmodel.result_sheet");
    }
}
