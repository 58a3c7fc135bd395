package az.ekabinet.query.exam.result;

import az.ekabinet.domain.shared.WireFormats;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A published result as its applicant sees it: scores as text with one decimal, as money is text with two. */
@Schema(name = "ExamResult")
public record ResultView(
        String applicationNumber, String sessionId,
        @Schema(description = "The exam session's title") String sessionTitle,
        List<Subject> subjects,
        @Schema(pattern = WireFormats.SCORE_OUT, example = "75.5") String total,
        @Schema(pattern = WireFormats.SCORE_OUT, example = "100.0") String maxTotal,
        @Schema(pattern = WireFormats.SCORE_OUT, example = "50.0") String passThreshold,
        boolean passed,
        LocalDate examDate,
        @Schema(example = "BAKU-01") String centreCode,
        @Schema(description = "When the session's results were published") Instant publishedAt,
        @Schema(description = "1 as imported, one more per correction") int revision) {

    @Schema(name = "ExamResultSubject")
    public record Subject(@Schema(example = "LOGIC") String code,
                          @Schema(example = "Məntiq") String nameAz,
                          @Schema(example = "Logic") String nameEn,
                          @Schema(pattern = WireFormats.SCORE_OUT, example = "45.5") String score,
                          @Schema(pattern = WireFormats.SCORE_OUT, example = "60.0") String maxScore) {
    }
}
