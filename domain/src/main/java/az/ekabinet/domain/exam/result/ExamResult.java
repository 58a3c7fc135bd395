package az.ekabinet.domain.exam.result;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One applicant's result as the scoring system hands it over: a score per subject of the sheet (in the sheet's
 * order, in tenths), the total, the exam date and the exam centre's code.
 */
public record ExamResult(String applicationNumber, List<Integer> scoresTenths, int totalTenths, LocalDate examDate,
                         String centreCode) {

    public ExamResult {
        Objects.requireNonNull(applicationNumber);
        scoresTenths = List.copyOf(scoresTenths);
        Objects.requireNonNull(examDate);
        Objects.requireNonNull(centreCode);
    }
}
