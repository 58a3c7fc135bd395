package az.ekabinet.domain.exam.application;

import az.ekabinet.domain.reference.ReferenceData;
import az.ekabinet.domain.shared.InvalidValueException;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The bachelor's grade point average ("ÜOMG"): a scale from the reference list (its code is its maximum, e.g.
 * {@code 100} or {@code 4}) and a value above zero, at most the maximum, with at most two decimals. The value is kept
 * as its exact decimal text ("87.5"), like amounts: never floating point.
 */
public record Gpa(String scale, String value) {

    public static final String SCALE_RULE = "GPA_SCALE_UNKNOWN";
    public static final String FORMAT_RULE = "GPA_FORMAT";
    public static final String RANGE_RULE = "GPA_RANGE";

    public Gpa {
        Objects.requireNonNull(scale);
        Objects.requireNonNull(value);
    }

    /** Parses a scale code and a value such as "87.5"; refuses unknown scales and values outside (0, maximum]. */
    public static Gpa parse(String scale, String value) {
        if (ReferenceData.shipped().find(ReferenceData.Kind.GPA_SCALES, scale).isEmpty()) {
            throw new InvalidValueException(SCALE_RULE);
        }
        if (!value.strip().matches("[0-9]{1,3}(\\.[0-9]{1,2})?")) {
            throw new InvalidValueException(FORMAT_RULE);
        }
        BigDecimal parsed = new BigDecimal(value.strip());
        if (parsed.signum() <= 0 || parsed.compareTo(new BigDecimal(scale)) > 0) {
            throw new InvalidValueException(RANGE_RULE);
        }
        return new Gpa(scale, parsed.toPlainString());
    }
}
