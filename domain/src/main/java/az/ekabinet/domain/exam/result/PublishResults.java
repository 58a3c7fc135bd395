package az.ekabinet.domain.exam.result;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An administrator sets the instant a session's results become visible to its applicants, all at once. An instant
 * already past means now; until it comes, another instant may be set; once it has come, it stands.
 */
public record PublishResults(@TargetAggregateIdentifier String resultsId, Instant publishAt, String publishedBy) {
}
