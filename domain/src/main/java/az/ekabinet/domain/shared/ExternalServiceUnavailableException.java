package az.ekabinet.domain.shared;

import java.util.Map;

/** An outside system the answer depends on is down or too slow; nothing was changed, the client may retry. */
public class ExternalServiceUnavailableException extends DomainException {

    public ExternalServiceUnavailableException(String service) {
        super(ErrorCode.EXTERNAL_SERVICE_UNAVAILABLE, Map.of("service", service));
    }
}
