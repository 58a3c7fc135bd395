package az.ekabinet.config.cluster;

import az.ekabinet.query.streams.OpenStreams;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * How a node stopping (SIGTERM: a deploy, a scale-down) leaves its load balancer without a client noticing. Spring
 * Boot marks the node not ready ({@code /actuator/health/readiness} answers 503) as its context starts closing; the
 * node then goes on serving for {@code ekabinet.cluster.drain-time}, long enough for the balancer's health checks to
 * take it out of rotation, ends its open streams (their clients reconnect to another node) and only then stops its web
 * server gracefully: new connections are refused, requests in flight complete. Axon's processors stop after that and
 * release their segments, which the other nodes claim.
 */
@Component
public class LeavingTheCluster {

    private static final Logger log = LoggerFactory.getLogger(LeavingTheCluster.class);

    private final OpenStreams streams;
    private final Duration drainTime;

    public LeavingTheCluster(OpenStreams streams, ClusterSettings settings) {
        this.streams = streams;
        this.drainTime = settings.drainTime();
    }

    /** Before the lifecycle beans stop (the web server first): the context publishes this, then stops them. */
    @EventListener(ContextClosedEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public void leave() throws InterruptedException {
        if (!drainTime.isZero()) {
            log.info("Stopping: not ready any more, serving {} more for the load balancer to notice", drainTime);
            Thread.sleep(drainTime.toMillis());
        }
        streams.endAll();
        log.info("Stopping: open streams ended, finishing the requests in flight");
    }
}
