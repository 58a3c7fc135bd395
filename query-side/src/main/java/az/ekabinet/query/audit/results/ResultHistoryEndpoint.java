package az.ekabinet.query.audit.results;

import az.ekabinet.domain.exam.session.ExamSession;
import az.ekabinet.domain.shared.FieldValidation;
import az.ekabinet.domain.shared.InvalidValueException;
import az.ekabinet.domain.shared.WireFormats;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * GET /api/audit/exam-sessions/{id}/results/history: who set the sheet, imported, corrected and published a session's
 * results, and when, replayed from the event store ({@link ResultHistory}); with {@code applicationNumber}, the story
 * of one applicant's result, every previous value kept.
 */
@RestController
@Tag(name = "audit")
public class ResultHistoryEndpoint {

    private final ResultHistory history;

    public ResultHistoryEndpoint(ResultHistory history) {
        this.history = history;
    }

    @Operation(operationId = "getResultsHistory", summary = "A session's results history, replayed from the event store",
            description = "Every sheet set, part of an import recorded (its count; with applicationNumber that "
                    + "application's result), correction (previous and corrected result), finished import (its "
                    + "counts) and publication, in their order, with who and when. A session without results has an "
                    + "empty history. As application/x-ndjson, one entry a line, or as one JSON array.")
    @ApiResponse(responseCode = "200", description = "The history")
    @GetMapping(path = "/api/audit/exam-sessions/{id}/results/history",
            produces = {MediaType.APPLICATION_NDJSON_VALUE, MediaType.APPLICATION_JSON_VALUE})
    public Flux<ResultHistoryEntry> history(@PathVariable String id,
            @Parameter(schema = @Schema(pattern = WireFormats.APPLICATION_NUMBER))
            @RequestParam(required = false) String applicationNumber) {
        var v = new FieldValidation();
        String number = v.parseOptional("applicationNumber", applicationNumber, ResultHistoryEndpoint::number);
        v.throwIfInvalid();
        return history.of(ExamSession.idOf(id), number);
    }

    private static String number(String text) {
        if (!text.matches(WireFormats.APPLICATION_NUMBER)) {
            throw new InvalidValueException("APPLICATION_NUMBER_FORMAT");
        }
        return text;
    }
}
