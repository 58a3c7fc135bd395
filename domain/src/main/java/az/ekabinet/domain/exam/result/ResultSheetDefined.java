package az.ekabinet.domain.exam.result;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A session's result sheet is set: its subjects and pass threshold. */
@Revision("1")
public record ResultSheetDefined(String resultsId, String sessionId, ResultSheet sheet, String definedBy,
                                 Instant definedAt) {
}
