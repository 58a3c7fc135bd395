package az.ekabinet.domain.exam.result;

import java.time.Instant;
import java.util.List;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Revision;

/**
 * Results new to a session, from one part of a scoring file: who imported them and when. {@code publicationSet}
 * tells whether the session's publication instant was already set when they were recorded. The event's metadata
 * carries its {@linkplain #counts() counts}, so that counting results never reads the results themselves (thousands
 * in an event). Revision 2 stores each result as its {@linkplain ExamResult#line() line}; revision 1, as an object.
 */
@Revision("2")
public record ResultsRecorded(String resultsId, String sessionId, String importId, String importedBy,
                              Instant recordedAt, boolean publicationSet, List<ExamResult> results) {

    /** Metadata: how many results the event holds. */
    public static final String RESULT_COUNT = "resultCount";
    /** Metadata: {@code publicationSet}. */
    public static final String PUBLICATION_SET = "publicationSet";

    public ResultsRecorded {
        results = List.copyOf(results);
    }

    /** The metadata the event is applied with. */
    public MetaData counts() {
        return MetaData.with(RESULT_COUNT, results.size()).and(PUBLICATION_SET, publicationSet);
    }
}
