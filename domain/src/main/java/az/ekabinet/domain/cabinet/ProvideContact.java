package az.ekabinet.domain.cabinet;

import az.ekabinet.domain.contact.Email;
import az.ekabinet.domain.contact.PhoneNumber;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Give the registration its contact data; {@code email} is optional (null). */
public record ProvideContact(@TargetAggregateIdentifier String cabinetId, String registrationId, PhoneNumber mobilePhone, Email email) {
}
