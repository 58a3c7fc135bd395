package az.ekabinet.query.audit.results;

import az.ekabinet.domain.exam.result.ExamResult;
import az.ekabinet.domain.exam.result.Scores;
import az.ekabinet.domain.shared.WireFormats;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One event of a session's results as auditors read it: what happened, when, by whom, in which import. Only the
 * members of its type are present.
 */
@Schema(name = "ResultHistoryEntry")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResultHistoryEntry(
        @Schema(description = "The event's place in the session's results, from 0") long sequence,
        @Schema(allowableValues = {"SHEET_DEFINED", "RESULTS_RECORDED", "RESULT_CORRECTED", "IMPORT_FINISHED",
                "PUBLICATION_SET"}) String type,
        Instant at,
        @Schema(description = "The administrator (staff:<name>), or demo-profile for the demo session's sheet")
        String by,
        String importId,
        @Schema(description = "RESULTS_RECORDED: how many results were new") Integer resultCount,
        @Schema(description = "RESULTS_RECORDED, asked for one application: its result as recorded") Result result,
        @Schema(description = "RESULT_CORRECTED: whose result") String applicationNumber,
        @Schema(description = "RESULT_CORRECTED: the result before") Result previous,
        @Schema(description = "RESULT_CORRECTED: the result after") Result corrected,
        @Schema(description = "IMPORT_FINISHED: what came of the file's lines") Lines lines,
        @Schema(description = "PUBLICATION_SET: when the results become visible") Instant publishAt,
        @Schema(description = "PUBLICATION_SET: the instant it replaced") Instant previousPublishAt) {

    /** A result as the scoring file gave it; scores in the sheet's order. */
    @Schema(name = "AuditedResult")
    public record Result(
            @ArraySchema(schema = @Schema(pattern = WireFormats.SCORE_OUT)) List<String> scores,
            @Schema(pattern = WireFormats.SCORE_OUT) String total, LocalDate examDate, String centreCode) {

        static Result of(ExamResult result) {
            return new Result(result.scoresTenths().stream().map(Scores::text).toList(),
                    Scores.text(result.totalTenths()), result.examDate(), result.centreCode());
        }
    }

    @Schema(name = "ImportedLines")
    public record Lines(long read, long recorded, long corrected, long unchanged, long rejected) {
    }
}
