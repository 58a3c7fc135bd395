package az.ekabinet.command.exam.result;

import az.ekabinet.command.shared.CommandDispatcher;
import az.ekabinet.domain.exam.result.ExamResults;
import az.ekabinet.domain.exam.result.PublishResults;
import az.ekabinet.domain.exam.session.ExamSession;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.FieldValidation;
import az.ekabinet.domain.shared.Instants;
import az.ekabinet.domain.shared.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * POST /api/admin/exam-sessions/{id}/results/publication: an administrator sets the instant the session's results
 * become visible to its applicants, all at once. Until then nobody sees a result, not even whether it exists.
 */
@RestController
@Tag(name = "admin")
public class ResultPublicationEndpoint {

    private final CommandDispatcher commands;
    private final ResultSheets sheets;
    private final Clock clock;

    public ResultPublicationEndpoint(CommandDispatcher commands, ResultSheets sheets, Clock clock) {
        this.commands = commands;
        this.sheets = sheets;
        this.clock = clock;
    }

    @Schema(name = "ResultPublicationTerms")
    public record PublicationRequest(
            @Schema(format = "date-time", description = "When results become visible; absent or past: now")
            String publishAt) {
    }

    @Schema(name = "ResultPublication")
    public record Publication(String sessionId,
                              @Schema(description = "When the results become (or became) visible") Instant publishAt) {
    }

    @Operation(operationId = "publishResults", summary = "Set when an exam session's results are published",
            description = "Another instant may be set until the one set comes; from then on it stands.")
    @ApiResponse(responseCode = "200", description = "Set")
    @Refuses({ErrorCode.EXAM_SESSION_NOT_FOUND, ErrorCode.RESULT_SHEET_MISSING, ErrorCode.RESULTS_ALREADY_PUBLISHED})
    @PostMapping(path = "/api/admin/exam-sessions/{id}/results/publication",
            consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Publication> publish(@PathVariable String id, @RequestBody PublicationRequest body,
                                     Principal administrator) {
        var v = new FieldValidation();
        Instant asked = v.parseOptional("publishAt", body.publishAt(), Instants::parse);
        v.throwIfInvalid();
        Instant publishAt = asked == null ? Instants.now(clock) : asked;
        String sessionId = ExamSession.idOf(id);
        return sheets.sheetOf(sessionId)
                .then(commands.<Instant>send(new PublishResults(ExamResults.idOf(sessionId), publishAt,
                        administrator.getName())))
                .map(effective -> new Publication(id, effective));
    }
}
