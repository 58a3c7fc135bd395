package az.ekabinet.config.web;

import az.ekabinet.command.shared.AcceptsIdempotencyKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/** The POST endpoints marked {@link AcceptsIdempotencyKey}, found among the request mappings at start-up. */
@Component
public class IdempotentEndpoints {

    private final List<PathPattern> patterns;

    public IdempotentEndpoints(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        List<PathPattern> found = new ArrayList<>();
        mappings.getHandlerMethods().forEach((mapping, handler) -> {
            if (!handler.hasMethodAnnotation(AcceptsIdempotencyKey.class)) {
                return;
            }
            if (!mapping.getMethodsCondition().getMethods().equals(Set.of(RequestMethod.POST))) {
                throw new IllegalStateException(handler + " is marked @AcceptsIdempotencyKey but is not a POST "
                        + "mapping");
            }
            found.addAll(mapping.getPatternsCondition().getPatterns());
        });
        this.patterns = List.copyOf(found);
    }

    /** Whether a request, or an operation of the API document ({@code path} a template), honours the key. */
    public boolean covers(HttpMethod method, String path) {
        if (method != HttpMethod.POST) {
            return false;
        }
        PathContainer container = PathContainer.parsePath(path);
        return patterns.stream().anyMatch(pattern -> pattern.matches(container));
    }
}
