package az.ekabinet.domain.exam.result;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A recorded result changed by a later import: the previous result is kept beside the corrected one. Revision 2
 * stores each as its {@linkplain ExamResult#line() line}; revision 1, as an object.
 */
@Revision("2")
public record ResultCorrected(String resultsId, String sessionId, String importId, String importedBy,
                              Instant correctedAt, ExamResult previous, ExamResult corrected) {
}
