package az.ekabinet.domain.cabinet;

import az.ekabinet.domain.contact.PhoneNumber;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Change the phone of an active cabinet to a number the citizen verified. */
public record ChangePhone(@TargetAggregateIdentifier String cabinetId, PhoneNumber mobilePhone) {
}
