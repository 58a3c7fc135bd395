package az.ekabinet.domain.shared;

import java.util.List;
import java.util.Map;

/** Input refused before anything happened, with every broken rule listed per field. */
public class ValidationFailedException extends DomainException {

    private final List<FieldError> errors;

    public ValidationFailedException(List<FieldError> errors) {
        super(ErrorCode.VALIDATION_FAILED, Map.of());
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
