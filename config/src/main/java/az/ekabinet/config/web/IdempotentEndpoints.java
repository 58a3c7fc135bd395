package az.ekabinet.config.web;

import az.ekabinet.command.shared.AcceptsIdempotencyKey;
import java.util.List;
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
        this.patterns = mappings.getHandlerMethods().entrySet().stream()
                .filter(mapping -> mapping.getValue().hasMethodAnnotation(AcceptsIdempotencyKey.class))
                .peek(mapping -> {
                    if (!mapping.getKey().getMethodsCondition().getMethods().equals(java.util.Set.of(RequestMethod.POST))) {
                        throw new IllegalStateException(mapping.getValue() + " is marked @AcceptsIdempotencyKey but is "
                                + "not a POST mapping");
                    }
                })
                .flatMap(mapping -> mapping.getKey().getPatternsCondition().getPatterns().stream())
                .toList();
    }

    /** Whether a request, or an operation of the API document ({@code path} a template), honours the key. */
    public boolean covers(HttpMethod method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        return method == HttpMethod.POST && patterns.stream().anyMatch(pattern -> pattern.matches(container));
    }
}
