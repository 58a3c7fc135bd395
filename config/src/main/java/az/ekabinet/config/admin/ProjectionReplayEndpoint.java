package az.ekabinet.config.admin;

import az.ekabinet.config.admin.ProjectionReplays.Replay;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Collection;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * POST /api/admin/projections/{name}/replay (administrator): rebuild a read model from the event store; 202 with the
 * replay's status, which GET /api/admin/projections/{name}/replay and GET /api/admin/projections follow on any node.
 * Replays are recorded in the database (JDBC): the work runs on the bounded scheduler for short JDBC work.
 */
@RestController
@Tag(name = "admin")
public class ProjectionReplayEndpoint {

    private final ProjectionReplays replays;
    private final Scheduler jdbcScheduler;

    public ProjectionReplayEndpoint(ProjectionReplays replays, @Qualifier("commandScheduler") Scheduler jdbcScheduler) {
        this.replays = replays;
        this.jdbcScheduler = jdbcScheduler;
    }

    @Operation(operationId = "startReplay", summary = "Rebuild a read model from the event store",
            description = "While the API keeps answering; one replay at a time in the whole cluster. Follow it with "
                    + "GET on the same path.")
    @ApiResponse(responseCode = "202", description = "Started")
    @Refuses({ErrorCode.PROJECTION_NOT_FOUND, ErrorCode.REPLAY_IN_PROGRESS})
    @PostMapping(path = "/api/admin/projections/{name}/replay", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Replay>> replay(@Parameter(schema = @Schema(allowableValues = {"wallet",
            "cabinet-profile", "exam-sessions", "exam-applications", "exam-results", "provider-payments", "ledger"}))
                                             @PathVariable String name) {
        return Mono.fromCallable(() -> ResponseEntity.status(HttpStatus.ACCEPTED).body(replays.start(name)))
                .subscribeOn(jdbcScheduler);
    }

    @Operation(operationId = "getReplay", summary = "A read model's last replay, on any node",
            description = "Its state (RUNNING, COMPLETED, FAILED), events replayed so far and times; FAILED with "
                    + "NODE_LOST when the node running it died.")
    @ApiResponse(responseCode = "200", description = "Its last replay (state null: never replayed)")
    @Refuses({ErrorCode.PROJECTION_NOT_FOUND})
    @GetMapping(path = "/api/admin/projections/{name}/replay", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Replay> status(@PathVariable String name) {
        return Mono.fromCallable(() -> replays.status(name)).subscribeOn(jdbcScheduler);
    }

    @Operation(operationId = "listReplays", summary = "The read models that can be rebuilt, with their last replay",
            description = "Streaming read models are replayed through their processor, subscribing ones in one "
                    + "transaction, the ledger in bulk.")
    @ApiResponse(responseCode = "200", description = "The read models")
    @GetMapping(path = "/api/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Collection<Replay>> projections() {
        return Mono.fromCallable(() -> replays.all().values()).subscribeOn(jdbcScheduler);
    }
}
