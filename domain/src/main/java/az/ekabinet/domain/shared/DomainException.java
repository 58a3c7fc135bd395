package az.ekabinet.domain.shared;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure the domain refuses with on purpose. It carries a stable {@link ErrorCode} and named
 * properties: they fill the localized message (in their order) and travel in the problem document.
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, Object> properties;

    public DomainException(ErrorCode code, Map<String, ?> properties) {
        super(code.name() + (properties.isEmpty() ? "" : " " + properties), null, false, false);
        this.code = code;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    public DomainException(ErrorCode code) {
        this(code, Map.of());
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
