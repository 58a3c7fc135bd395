package az.ekabinet.domain.exam.result;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An administrator sets what the results of exam session {@code sessionId} consist of. */
public record DefineResultSheet(@TargetAggregateIdentifier String resultsId, String sessionId, ResultSheet sheet,
                                String definedBy) {
}
