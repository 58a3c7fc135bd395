package az.ekabinet.command.exam.result;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import az.ekabinet.command.shared.CommandDispatcher;
import az.ekabinet.domain.exam.result.DefineResultSheet;
import az.ekabinet.domain.exam.result.ExamResults;
import az.ekabinet.domain.exam.result.ResultSheet;
import az.ekabinet.domain.exam.result.ResultSubject;
import az.ekabinet.domain.exam.result.Scores;
import az.ekabinet.domain.exam.session.ExamSession;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.FieldValidation;
import az.ekabinet.domain.shared.InvalidValueException;
import az.ekabinet.domain.shared.Refuses;
import az.ekabinet.domain.shared.WireFormats;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * PUT /api/admin/exam-sessions/{id}/result-sheet: an administrator sets what a session's results consist of (its
 * subjects, in the scoring file's column order, with their maximum scores, and the pass threshold). The answer gives
 * the header the session's scoring files must have.
 */
@RestController
@Tag(name = "admin")
public class ResultSheetEndpoint {

    private static final int MAX_SUBJECTS = 20;
    private static final int MAX_NAME = 100;

    private final CommandDispatcher commands;
    private final ResultSheets sheets;

    public ResultSheetEndpoint(CommandDispatcher commands, ResultSheets sheets) {
        this.commands = commands;
        this.sheets = sheets;
    }

    @Schema(name = "ResultSubjectTerms")
    public record SubjectRequest(
            @Schema(requiredMode = REQUIRED, pattern = WireFormats.SUBJECT_CODE, example = "LOGIC") String code,
            @Schema(requiredMode = REQUIRED, maxLength = MAX_NAME, example = "Məntiq") String nameAz,
            @Schema(requiredMode = REQUIRED, maxLength = MAX_NAME, example = "Logic") String nameEn,
            @Schema(requiredMode = REQUIRED, pattern = WireFormats.SCORE_IN, example = "60") String maxScore) {
    }

    @Schema(name = "ResultSheetTerms")
    public record SheetRequest(
            @ArraySchema(minItems = 1, maxItems = MAX_SUBJECTS, arraySchema = @Schema(requiredMode = REQUIRED))
            List<SubjectRequest> subjects,
            @Schema(requiredMode = REQUIRED, pattern = WireFormats.SCORE_IN, example = "50",
                    description = "The total a candidate needs to pass; at most the sum of the maximum scores")
            String passThreshold) {
    }

    @Schema(name = "ResultSheetSet")
    public record SheetSet(String sessionId,
                           @Schema(example = "application_number,LOGIC,LANG,total,exam_date,centre_code",
                                   description = "The header row the session's scoring files must have")
                           String header) {
    }

    @Operation(operationId = "setResultSheet", summary = "Set an exam session's result sheet",
            description = "The same sheet again changes nothing; another one replaces it while no result is recorded.")
    @ApiResponse(responseCode = "200", description = "Set")
    @Refuses({ErrorCode.EXAM_SESSION_NOT_FOUND, ErrorCode.RESULT_SHEET_IN_USE})
    @PutMapping(path = "/api/admin/exam-sessions/{id}/result-sheet", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<SheetSet> set(@PathVariable String id, @RequestBody SheetRequest body, Principal administrator) {
        ResultSheet sheet = sheet(body);
        String sessionId = ExamSession.idOf(id);
        return sheets.requireSession(sessionId)
                .then(commands.send(new DefineResultSheet(ExamResults.idOf(sessionId), sessionId, sheet,
                        administrator.getName())))
                .thenReturn(new SheetSet(id, String.join(",", ScoringFile.columns(sheet))));
    }

    private static ResultSheet sheet(SheetRequest body) {
        var v = new FieldValidation();
        var subjects = new ArrayList<ResultSubject>();
        if (body.subjects() == null || body.subjects().isEmpty()) {
            v.reject("subjects", FieldValidation.REQUIRED);
        } else if (body.subjects().size() > MAX_SUBJECTS) {
            v.reject("subjects", "SUBJECTS_TOO_MANY");
        } else {
            var codes = new HashSet<String>();
            for (int i = 0; i < body.subjects().size(); i++) {
                SubjectRequest subject = body.subjects().get(i);
                String field = "subjects[" + i + "].";
                if (subject == null) {
                    v.reject("subjects[" + i + "]", FieldValidation.REQUIRED);
                    continue;
                }
                String code = v.parse(field + "code", subject.code(), ResultSheetEndpoint::subjectCode);
                if (code != null && !codes.add(code)) {
                    v.reject(field + "code", "SUBJECT_CODE_DUPLICATE");
                }
                String nameAz = v.parse(field + "nameAz", subject.nameAz(), ResultSheetEndpoint::name);
                String nameEn = v.parse(field + "nameEn", subject.nameEn(), ResultSheetEndpoint::name);
                Integer max = v.parse(field + "maxScore", subject.maxScore(), Scores::parseTenths);
                if (max != null && max == 0) {
                    v.reject(field + "maxScore", "SCORE_NOT_POSITIVE");
                }
                if (v.isValid()) {
                    subjects.add(new ResultSubject(code, nameAz, nameEn, max));
                }
            }
        }
        Integer threshold = v.parse("passThreshold", body.passThreshold(), Scores::parseTenths);
        if (threshold != null && v.isValid()
                && threshold > subjects.stream().mapToInt(ResultSubject::maxScoreTenths).sum()) {
            v.reject("passThreshold", "PASS_THRESHOLD_ABOVE_MAXIMUM");
        }
        v.throwIfInvalid();
        return new ResultSheet(subjects, threshold);
    }

    /** A code is a column name of the scoring file: none may be one of the file's own columns. */
    private static String subjectCode(String text) {
        String code = text.strip();
        if (!code.matches(WireFormats.SUBJECT_CODE)
                || ScoringFile.RESERVED_COLUMNS.contains(code.toLowerCase(Locale.ROOT))) {
            throw new InvalidValueException("SUBJECT_CODE_FORMAT");
        }
        return code;
    }

    private static String name(String text) {
        String name = text.strip();
        if (name.length() > MAX_NAME) {
            throw new InvalidValueException("TOO_LONG");
        }
        return name;
    }
}
