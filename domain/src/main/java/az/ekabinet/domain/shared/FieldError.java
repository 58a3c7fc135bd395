package az.ekabinet.domain.shared;

/** One broken rule on one input field; {@code rule} is the message key of the explanation. */
public record FieldError(String field, String rule) {
}
