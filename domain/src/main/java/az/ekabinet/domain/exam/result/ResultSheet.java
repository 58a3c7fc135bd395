package az.ekabinet.domain.exam.result;

import java.util.HashSet;
import java.util.List;

/**
 * What a session's results consist of, set by an administrator: the subjects in the order of the scoring file's
 * columns, and the total a candidate needs to pass.
 */
public record ResultSheet(List<ResultSubject> subjects, int passThresholdTenths) {

    public ResultSheet {
        subjects = List.copyOf(subjects);
        if (subjects.isEmpty()) {
            throw new IllegalArgumentException("a result sheet has at least one subject");
        }
        var codes = new HashSet<String>();
        for (ResultSubject subject : subjects) {
            if (!codes.add(subject.code())) {
                throw new IllegalArgumentException("subject codes are unique: " + subject.code());
            }
        }
        if (passThresholdTenths < 0 || passThresholdTenths > maxTotalTenths(subjects)) {
            throw new IllegalArgumentException("the pass threshold lies between 0 and the highest total");
        }
    }

    /** The highest total a candidate can reach: every subject's maximum. */
    public int maxTotalTenths() {
        return maxTotalTenths(subjects);
    }

    private static int maxTotalTenths(List<ResultSubject> subjects) {
        return subjects.stream().mapToInt(ResultSubject::maxScoreTenths).sum();
    }

    /** Whether a total reaches the pass threshold. */
    public boolean passes(int totalTenths) {
        return totalTenths >= passThresholdTenths;
    }

    /** What is wrong with a result against this sheet, or null when nothing is. */
    public ResultLineProblem problemOf(ExamResult result) {
        if (result.scoresTenths().size() != subjects.size()) {
            return ResultLineProblem.COLUMN_COUNT;
        }
        int sum = 0;
        for (int i = 0; i < subjects.size(); i++) {
            int score = result.scoresTenths().get(i);
            if (score > subjects.get(i).maxScoreTenths()) {
                return ResultLineProblem.SCORE_ABOVE_MAXIMUM;
            }
            sum += score;
        }
        return sum == result.totalTenths() ? null : ResultLineProblem.TOTAL_NOT_SUM;
    }
}
