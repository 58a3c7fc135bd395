package az.ekabinet.domain.shared;

import java.util.LinkedHashMap;
import java.util.Map;

/** A limit was reached; the client may try again after {@code retryAfterSeconds} (sent as Retry-After). */
public class TooManyRequestsException extends DomainException {

    public static final String RETRY_AFTER = "retryAfterSeconds";

    public TooManyRequestsException(ErrorCode code, long retryAfterSeconds) {
        super(code, properties(retryAfterSeconds));
    }

    private static Map<String, Object> properties(long retryAfterSeconds) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(RETRY_AFTER, Math.max(1, retryAfterSeconds));
        return properties;
    }

    public long retryAfterSeconds() {
        return (Long) properties().get(RETRY_AFTER);
    }
}
