package az.ekabinet.config.admin;

import az.ekabinet.config.admin.ProjectionReplays.Replay;
import java.util.Collection;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * POST /api/admin/projections/{name}/replay (administrator): rebuild a read model from the event store; 202 with the
 * replay's status, which GET /api/admin/projections/{name}/replay and GET /api/admin/projections follow.
 */
@RestController
public class ProjectionReplayEndpoint {

    private final ProjectionReplays replays;

    public ProjectionReplayEndpoint(ProjectionReplays replays) {
        this.replays = replays;
    }

    @PostMapping(path = "/api/admin/projections/{name}/replay", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Replay>> replay(@PathVariable String name) {
        return Mono.fromCallable(() -> ResponseEntity.status(HttpStatus.ACCEPTED).body(replays.start(name)));
    }

    @GetMapping(path = "/api/admin/projections/{name}/replay", produces = MediaType.APPLICATION_JSON_VALUE)
    public Replay status(@PathVariable String name) {
        return replays.status(name);
    }

    @GetMapping(path = "/api/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
    public Collection<Replay> projections() {
        return replays.all().values();
    }
}
