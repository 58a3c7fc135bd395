package az.ekabinet.it.cluster;

import az.ekabinet.it.support.Cluster;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the two-node cluster once for every cluster test class of the run (a cluster takes tens of seconds to
 * start) and stops it when the run ends, through JUnit's root store.
 */
final class SharedCluster implements BeforeAllCallback {

    private record Started(Cluster cluster) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Exception {
            cluster.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Cluster cluster = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedCluster.class, key -> {
                    try {
                        return new Started(Cluster.start("cluster-it", 2));
                    } catch (Exception e) {
                        throw new IllegalStateException("The cluster did not start", e);
                    }
                }, Started.class).cluster();
        ClusterTests.cluster = cluster;
        ClusterTests.nodeA = cluster.node(0).http();
        ClusterTests.nodeB = cluster.node(1).http();
    }
}
