package az.ekabinet.domain.cabinet;

import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import java.util.Map;

/** Why the cabinet refused a command; each carries its stable code. */
public final class CabinetRefusal {

    private CabinetRefusal() {
    }

    /** One cabinet per FIN, ever. */
    public static DomainException alreadyExists() {
        return new DomainException(ErrorCode.CABINET_ALREADY_EXISTS);
    }

    public static DomainException registrationNotFound() {
        return new DomainException(ErrorCode.REGISTRATION_NOT_FOUND);
    }

    /** @param missingStep what must happen first: CONTACT, PHONE_VERIFICATION */
    public static DomainException stepOutOfOrder(String missingStep) {
        return new DomainException(ErrorCode.REGISTRATION_STEP_OUT_OF_ORDER, Map.of("missingStep", missingStep));
    }

    public static DomainException alreadyCompleted() {
        return new DomainException(ErrorCode.REGISTRATION_ALREADY_COMPLETED);
    }

    public static DomainException documentNotRenewed() {
        return new DomainException(ErrorCode.DOCUMENT_NOT_RENEWED);
    }
}
