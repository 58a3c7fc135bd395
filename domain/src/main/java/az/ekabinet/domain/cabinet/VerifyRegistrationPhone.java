package az.ekabinet.domain.cabinet;

import az.ekabinet.domain.contact.PhoneNumber;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Mark the registration's phone verified: the citizen entered the code sent to it. */
public record VerifyRegistrationPhone(@TargetAggregateIdentifier String cabinetId, String registrationId, PhoneNumber mobilePhone) {
}
