package az.ekabinet.domain.exam.result;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * Results new to a session, from one part of a scoring file: who imported them and when. {@code publicationSet}
 * tells whether the session's publication instant was already set when they were recorded.
 */
@Revision("1")
public record ResultsRecorded(String resultsId, String sessionId, String importId, String importedBy,
                              Instant recordedAt, boolean publicationSet, List<ExamResult> results) {

    public ResultsRecorded {
        results = List.copyOf(results);
    }
}
