package az.ekabinet.command.exam.session;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import az.ekabinet.command.shared.CommandDispatcher;
import az.ekabinet.domain.exam.session.ExamSession;
import az.ekabinet.domain.exam.session.PublishExamSession;
import az.ekabinet.domain.money.Money;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.FieldValidation;
import az.ekabinet.domain.shared.Instants;
import az.ekabinet.domain.shared.InvalidValueException;
import az.ekabinet.domain.shared.Refuses;
import az.ekabinet.domain.shared.WireFormats;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** POST /api/admin/exam-sessions: an administrator publishes a session (title, year, attempt, fee, window). */
@RestController
@Tag(name = "admin")
public class PublishExamSessionEndpoint {

    private final CommandDispatcher commands;
    private final Clock clock;

    public PublishExamSessionEndpoint(CommandDispatcher commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @Schema(name = "ExamSessionTerms")
    public record SessionRequest(
            @Schema(requiredMode = REQUIRED, pattern = "^[a-z0-9-]{3,40}$") String id,
            @Schema(requiredMode = REQUIRED, minLength = 3, maxLength = 200) String title,
            @Schema(requiredMode = REQUIRED, pattern = "^20[0-9]{2}/20[0-9]{2}$", example = "2025/2026")
            String academicYear,
            @Schema(requiredMode = REQUIRED, allowableValues = {"1", "2"}) Integer attempt,
            @Schema(requiredMode = REQUIRED, pattern = WireFormats.MONEY_IN, example = "50.00") String fee,
            @Schema(requiredMode = REQUIRED, format = "date-time") String opensAt,
            @Schema(requiredMode = REQUIRED, format = "date-time", description = "In the future") String deadline) {
    }

    @Schema(name = "ExamSessionPublished")
    public record Published(String id) {
    }

    @Operation(operationId = "publishExamSession", summary = "Publish an exam session",
            description = "The same terms again answer 201 again; other terms for a published id are refused.")
    @ApiResponse(responseCode = "201", description = "Published")
    @Refuses({ErrorCode.EXAM_SESSION_EXISTS, ErrorCode.EXAM_SESSION_WINDOW_INVALID})
    @PostMapping(path = "/api/admin/exam-sessions", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Published> publish(@RequestBody SessionRequest body) {
        var v = new FieldValidation();
        String id = v.parse("id", body.id(), text -> matching(text, "[a-z0-9-]{3,40}", "SESSION_ID_FORMAT"));
        String title = v.parse("title", body.title(), text -> matching(text.strip(), ".{3,200}", "TITLE_FORMAT"));
        String year = v.parse("academicYear", body.academicYear(), PublishExamSessionEndpoint::academicYear);
        if (body.attempt() == null) {
            v.reject("attempt", FieldValidation.REQUIRED);
        } else if (body.attempt() != 1 && body.attempt() != 2) {
            v.reject("attempt", "ATTEMPT_VALUE");
        }
        Money fee = v.parse("fee", body.fee(), Money::parse);
        if (fee != null && !fee.isPositive()) {
            v.reject("fee", "AMOUNT_NOT_POSITIVE");
        }
        Instant opensAt = v.parse("opensAt", body.opensAt(), Instants::parse);
        Instant deadline = v.parse("deadline", body.deadline(), Instants::parse);
        if (deadline != null && !deadline.isAfter(clock.instant())) {
            v.reject("deadline", "DEADLINE_PASSED_ALREADY");
        }
        v.throwIfInvalid();
        return commands.send(new PublishExamSession(ExamSession.idOf(id), title, year, body.attempt(), fee, opensAt, deadline))
                .thenReturn(new Published(id));
    }

    private static String matching(String text, String pattern, String rule) {
        if (!text.matches(pattern)) {
            throw new InvalidValueException(rule);
        }
        return text;
    }

    /** "2025/2026": two consecutive years. */
    private static String academicYear(String text) {
        String year = matching(text.strip(), "(20[0-9]{2})/(20[0-9]{2})", "ACADEMIC_YEAR_FORMAT");
        if (Integer.parseInt(year.substring(5)) != Integer.parseInt(year.substring(0, 4)) + 1) {
            throw new InvalidValueException("ACADEMIC_YEAR_FORMAT");
        }
        return year;
    }
}
