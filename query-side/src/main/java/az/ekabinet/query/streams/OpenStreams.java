package az.ekabinet.query.streams;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The long-lived streams (server-sent events) this node serves, ended together when the node leaves its cluster: a
 * graceful shutdown waits for every request in flight, and a stream would keep it waiting until its timeout. Clients
 * reconnect, through the load balancer, to a node that stays (the ops stream resumes with {@code Last-Event-ID}, a
 * status stream starts from the status now).
 */
@Component
public class OpenStreams {

    private final Sinks.Empty<Void> ending = Sinks.empty();

    /** {@code stream}, completed when the node ends its streams. */
    public <T> Flux<T> endedWithTheNode(Flux<T> stream) {
        return stream.takeUntilOther(ending.asMono());
    }

    /** Completes every stream open here, and any opened from now on at once. */
    public void endAll() {
        ending.tryEmitEmpty();
    }
}
