package az.ekabinet.domain.cabinet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Complete registration with the number assigned to the cabinet (the password is already stored). */
public record ActivateCabinet(@TargetAggregateIdentifier String cabinetId, String registrationId, CabinetNumber cabinetNumber) {
}
