package az.ekabinet.domain.exam.result;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A part of a scoring file whose lines passed the checks that need no result sheet (their format, and that each
 * number is a confirmed application of the session): the sheet's own checks come next, then each line is recorded,
 * recognised as recorded already, or recorded as a correction. Answered with {@link RecordedResults}.
 */
public record RecordResults(@TargetAggregateIdentifier String resultsId, String importId, String importedBy,
                            List<Line> lines) {

    public RecordResults {
        lines = List.copyOf(lines);
    }

    /** A result and the line of the file it came from. */
    public record Line(long lineNumber, ExamResult result) {
    }
}
