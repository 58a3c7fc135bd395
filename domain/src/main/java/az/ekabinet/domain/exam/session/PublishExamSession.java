package az.ekabinet.domain.exam.session;

import az.ekabinet.domain.money.Money;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An administrator publishes an exam session citizens can apply to (a 2nd attempt is a session of its own). */
public record PublishExamSession(@TargetAggregateIdentifier String sessionId, String title, String academicYear,
                                 int attempt, Money fee, Instant opensAt, Instant deadline) {
}
