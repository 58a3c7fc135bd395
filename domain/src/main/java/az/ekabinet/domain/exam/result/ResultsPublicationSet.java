package az.ekabinet.domain.exam.result;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A session's results become visible at {@code publishAt} (its earlier instant, if one was set, is replaced).
 * {@code resultCount}: the results recorded when it was set.
 */
@Revision("1")
public record ResultsPublicationSet(String resultsId, String sessionId, Instant publishAt, Instant previousPublishAt,
                                    long resultCount, String setBy, Instant setAt) {
}
