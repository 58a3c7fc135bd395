package az.ekabinet.config.web.admission;

import az.ekabinet.domain.shared.AdmittedAs;
import az.ekabinet.domain.shared.RequestClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The request class of each endpoint, found among the request mappings at start-up: {@link AdmittedAs} where marked,
 * none for event streams (an open stream takes no slot), {@link RequestClass#BROWSING} for the rest.
 */
@Component
public class AdmissionClasses {

    private record Marked(Set<RequestMethod> methods, List<PathPattern> patterns, Optional<RequestClass> admittedAs) {

        boolean matches(HttpMethod method, PathContainer path) {
            return (methods.isEmpty() || methods.contains(RequestMethod.resolve(method)))
                    && patterns.stream().anyMatch(pattern -> pattern.matches(path));
        }
    }

    private final List<Marked> marked;

    public AdmissionClasses(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        List<Marked> found = new ArrayList<>();
        mappings.getHandlerMethods().forEach((mapping, handler) -> {
            AdmittedAs admittedAs = handler.getMethodAnnotation(AdmittedAs.class);
            if (admittedAs != null) {
                found.add(marked(mapping, Optional.of(admittedAs.value())));
            } else if (mapping.getProducesCondition().getProducibleMediaTypes()
                    .contains(MediaType.TEXT_EVENT_STREAM)) {
                found.add(marked(mapping, Optional.empty()));
            }
        });
        this.marked = List.copyOf(found);
    }

    private static Marked marked(RequestMappingInfo mapping, Optional<RequestClass> admittedAs) {
        return new Marked(mapping.getMethodsCondition().getMethods(),
                List.copyOf(mapping.getPatternsCondition().getPatterns()), admittedAs);
    }

    /** The class a request is admitted as; empty for an event stream, which takes no slot. */
    public Optional<RequestClass> of(HttpMethod method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        return marked.stream().filter(m -> m.matches(method, container)).findFirst()
                .map(Marked::admittedAs).orElse(Optional.of(RequestClass.BROWSING));
    }
}
