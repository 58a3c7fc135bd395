package az.ekabinet.config.web;

import az.ekabinet.command.shared.RequestId;
import io.micrometer.context.ThreadLocalAccessor;
import org.slf4j.MDC;

/**
 * Lets Micrometer's context propagation move a request's id between its Reactor context and the MDC of the thread that
 * works for it, under the key {@value RequestId#KEY} in both: Reactor's {@code handle} and {@code tap} operators
 * restore it, and so does every thread hop when automatic context propagation is on
 * ({@code spring.reactor.context-propagation: auto}; see {@link RequestIds}). Registered through
 * {@code META-INF/services/io.micrometer.context.ThreadLocalAccessor}.
 */
public class RequestIdMdcAccessor implements ThreadLocalAccessor<String> {

    @Override
    public Object key() {
        return RequestId.KEY;
    }

    @Override
    public String getValue() {
        return MDC.get(RequestId.KEY);
    }

    @Override
    public void setValue(String value) {
        MDC.put(RequestId.KEY, value);
    }

    @Override
    public void setValue() {
        MDC.remove(RequestId.KEY);
    }
}
