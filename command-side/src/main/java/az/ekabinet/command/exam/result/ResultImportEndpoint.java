package az.ekabinet.command.exam.result;

import az.ekabinet.domain.exam.session.ExamSession;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * POST /api/admin/exam-sessions/{id}/results: an administrator imports the scoring system's file for a session,
 * streamed ({@link ResultImport}); the answer reports every line.
 */
@RestController
@Tag(name = "admin")
public class ResultImportEndpoint {

    static final String CSV = "text/csv";

    private final ResultImport results;

    public ResultImportEndpoint(ResultImport results) {
        this.results = results;
    }

    @Operation(operationId = "importResults", summary = "Import an exam session's results (scoring file, CSV)",
            description = "UTF-8 CSV, header row application_number,<subject codes in the sheet's order>,total,"
                    + "exam_date,centre_code (the header PUT result-sheet answered), then one applicant per line: "
                    + "scores and total with at most one decimal, exam_date as YYYY-MM-DD. Read as it streams in, "
                    + "never whole. A line rejected changes nothing; the others are recorded. The same file again "
                    + "changes nothing; a changed result is recorded as a correction that keeps the previous one.",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = CSV,
                    schema = @Schema(type = "string", example = "application_number,LOGIC,LANG,total,exam_date,"
                            + "centre_code\n100001,45.5,30,75.5,2026-07-05,BAKU-01\n"))))
    @ApiResponse(responseCode = "200", description = "What became of each line")
    @Refuses({ErrorCode.EXAM_SESSION_NOT_FOUND, ErrorCode.RESULT_SHEET_MISSING, ErrorCode.RESULT_FILE_HEADER_INVALID})
    @PostMapping(path = "/api/admin/exam-sessions/{id}/results", consumes = CSV,
            produces = "application/json")
    public Mono<ResultImport.Report> importResults(@PathVariable String id, Principal administrator,
                                                   ServerWebExchange exchange) {
        return results.importFile(ExamSession.idOf(id), exchange.getRequest().getBody(), administrator.getName());
    }
}
