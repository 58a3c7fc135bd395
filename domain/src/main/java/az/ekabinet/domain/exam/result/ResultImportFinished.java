package az.ekabinet.domain.exam.result;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A scoring file was read to its end: how many lines it had and what came of them (counts only). */
@Revision("1")
public record ResultImportFinished(String resultsId, String sessionId, String importId, String importedBy,
                                   Instant finishedAt, long linesRead, long recorded, long corrected, long unchanged,
                                   long rejected) {
}
