package az.ekabinet.command.exam.application;

import az.ekabinet.command.shared.CommandDispatcher;
import az.ekabinet.domain.exam.application.StartApplication;
import az.ekabinet.domain.exam.application.StartedApplication;
import az.ekabinet.domain.exam.session.ExamSession;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.Refuses;
import az.ekabinet.domain.shared.WireFormats;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * POST /api/exam-sessions/{sessionId}/applications: start my application to an open session:
 * 201 with its number the first time, 200 with the same number after that; one per cabinet per session.
 */
@RestController
@Tag(name = "exam")
public class StartApplicationEndpoint {

    private final CommandDispatcher commands;

    public StartApplicationEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    @Schema(name = "ApplicationStarted")
    public record Started(@Schema(pattern = WireFormats.APPLICATION_NUMBER,
            description = "The application number (iş nömrəsi)") String applicationNumber) {
    }

    @Operation(operationId = "startApplication", summary = "Start my application (ərizə) to an exam session",
            description = "One per cabinet per session: a repeat answers 200 with the same number. Nothing can be "
                    + "started before the session opens or after its deadline.")
    @ApiResponse(responseCode = "201", description = "Started, with its number")
    @ApiResponse(responseCode = "200", description = "Started before: the same number")
    @Refuses({ErrorCode.EXAM_SESSION_NOT_FOUND, ErrorCode.EXAM_SESSION_NOT_OPEN_YET, ErrorCode.DEADLINE_PASSED})
    @PostMapping(path = "/api/exam-sessions/{sessionId}/applications", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Started>> start(@PathVariable String sessionId, Principal citizen) {
        if (!sessionId.matches("[a-z0-9-]{3,40}")) {
            return Mono.error(new DomainException(ErrorCode.EXAM_SESSION_NOT_FOUND));
        }
        return commands.<StartedApplication>send(new StartApplication(ExamSession.idOf(sessionId), citizen.getName()))
                .map(started -> ResponseEntity.status(started.created() ? HttpStatus.CREATED : HttpStatus.OK)
                        .body(new Started(started.applicationNumber())));
    }
}
