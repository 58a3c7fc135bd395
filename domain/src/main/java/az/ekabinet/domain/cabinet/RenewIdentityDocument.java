package az.ekabinet.domain.cabinet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace the identity-document data with what the registry says of the new document. */
public record RenewIdentityDocument(@TargetAggregateIdentifier String cabinetId, PersonRecord person) {
}
