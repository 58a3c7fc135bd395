package az.ekabinet.domain.exam.result;

import java.util.List;

/** What became of the lines of one {@link RecordResults}: new, corrections, known already, or rejected. */
public record RecordedResults(int recorded, int corrected, int unchanged, List<RejectedLine> rejected) {

    public RecordedResults {
        rejected = List.copyOf(rejected);
    }

    /** A line rejected, with why (the header is line 1). */
    public record RejectedLine(long lineNumber, ResultLineProblem problem) {
    }
}
