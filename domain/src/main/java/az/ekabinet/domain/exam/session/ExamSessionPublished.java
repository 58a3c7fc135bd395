package az.ekabinet.domain.exam.session;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An exam session is published: applications may be started from {@code opensAt} until {@code deadline}. */
@Revision("1")
public record ExamSessionPublished(String sessionId, String title, String academicYear, int attempt, long feeQepik,
                                   Instant opensAt, Instant deadline, Instant publishedAt) {
}
