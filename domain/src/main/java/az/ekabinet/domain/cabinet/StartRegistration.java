package az.ekabinet.domain.cabinet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Start registering the person the identity registry confirmed. */
public record StartRegistration(@TargetAggregateIdentifier String cabinetId, String registrationId, PersonRecord person) {
}
