package az.ekabinet.config.admin;

import az.ekabinet.config.admin.ProjectionReplays.Replay;
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
public class ProjectionReplayEndpoint {

    private final ProjectionReplays replays;
    private final Scheduler jdbcScheduler;

    public ProjectionReplayEndpoint(ProjectionReplays replays, @Qualifier("commandScheduler") Scheduler jdbcScheduler) {
        this.replays = replays;
        this.jdbcScheduler = jdbcScheduler;
    }

    @PostMapping(path = "/api/admin/projections/{name}/replay", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Replay>> replay(@PathVariable String name) {
        return Mono.fromCallable(() -> ResponseEntity.status(HttpStatus.ACCEPTED).body(replays.start(name)))
                .subscribeOn(jdbcScheduler);
    }

    @GetMapping(path = "/api/admin/projections/{name}/replay", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Replay> status(@PathVariable String name) {
        return Mono.fromCallable(() -> replays.status(name)).subscribeOn(jdbcScheduler);
    }

    @GetMapping(path = "/api/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Collection<Replay>> projections() {
        return Mono.fromCallable(() -> replays.all().values()).subscribeOn(jdbcScheduler);
    }
}
