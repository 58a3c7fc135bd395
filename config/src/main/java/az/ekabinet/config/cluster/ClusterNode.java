package az.ekabinet.config.cluster;

import java.lang.management.ManagementFactory;
import org.springframework.stereotype.Component;

/**
 * This node's name among the nodes sharing the database: its process id and host, as the owner of the processor
 * segments it claims ({@code tokenentry.owner}) and of the replays it runs.
 */
@Component
public class ClusterNode {

    private final String id = ManagementFactory.getRuntimeMXBean().getName();

    public String id() {
        return id;
    }
}
