package az.ekabinet.domain.cabinet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that the password was changed or reset (the hash itself is stored outside events). */
public record RecordPasswordChange(@TargetAggregateIdentifier String cabinetId, PasswordChanged.Reason reason) {
}
