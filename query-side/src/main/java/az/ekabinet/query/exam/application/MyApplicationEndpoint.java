package az.ekabinet.query.exam.application;

import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * GET /api/applications/{number}: the owner's whole application with its status and the list of what is still
 * missing or wrong, in Azerbaijani or English. Anyone else gets 404, never the data.
 */
@RestController
@Tag(name = "exam")
public class MyApplicationEndpoint {

    private final ApplicationViews views;

    public MyApplicationEndpoint(ApplicationViews views) {
        this.views = views;
    }

    @Operation(operationId = "getApplication", summary = "My application, with what is still missing (status panel)",
            description = "The whole form, its status (DRAFT or CONFIRMED) and the problems list in plain words, "
                    + "section by section (Azerbaijani, or English on Accept-Language: en).")
    @ApiResponse(responseCode = "200", description = "The application")
    @Refuses({ErrorCode.APPLICATION_NOT_FOUND})
    @GetMapping(path = "/api/applications/{number}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ApplicationView> application(@PathVariable String number, Principal citizen,
                                             ServerWebExchange exchange) {
        return views.owned(number, citizen.getName(), exchange.getLocaleContext().getLocale());
    }
}
