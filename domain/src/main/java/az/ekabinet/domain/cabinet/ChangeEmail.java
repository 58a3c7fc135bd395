package az.ekabinet.domain.cabinet;

import az.ekabinet.domain.contact.Email;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Change (or, with null, remove) the e-mail of an active cabinet. */
public record ChangeEmail(@TargetAggregateIdentifier String cabinetId, Email email) {
}
