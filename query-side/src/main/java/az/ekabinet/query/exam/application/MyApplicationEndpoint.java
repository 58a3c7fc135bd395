package az.ekabinet.query.exam.application;

import java.security.Principal;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * GET /api/applications/{number}: the owner's whole application with its status and the list of what is still
 * missing or wrong (SPEC.md §5.7), in Azerbaijani or English. Anyone else gets 404, never the data.
 */
@RestController
public class MyApplicationEndpoint {

    private final ApplicationViews views;

    public MyApplicationEndpoint(ApplicationViews views) {
        this.views = views;
    }

    @GetMapping(path = "/api/applications/{number}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ApplicationView> application(@PathVariable String number, Principal citizen,
                                             ServerWebExchange exchange) {
        return views.owned(number, citizen.getName(), exchange.getLocaleContext().getLocale());
    }
}
