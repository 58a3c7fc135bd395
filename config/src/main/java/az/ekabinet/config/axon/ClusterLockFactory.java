package az.ekabinet.config.axon;

import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Axon's per-aggregate lock for every node at once: the node's own lock (Axon's pessimistic lock, so this node's
 * threads queue in memory) and then a PostgreSQL advisory lock on the aggregate's id, held by the command's
 * transaction until it commits or rolls back. Commands on one wallet from several nodes then take turns, as they do
 * on one node, instead of racing on the event store's unique key until their retries run out (two nodes moving one
 * wallet from both sides answered 5xx that way). Aggregates are locked in the order a command loads them; a command
 * that loads two wallets loads them in id order, so two such commands cannot wait on each other.
 */
final class ClusterLockFactory implements LockFactory {

    private final LockFactory local = PessimisticLockFactory.usingDefaults();
    private final JdbcTemplate jdbc;

    ClusterLockFactory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Must be called in the command's transaction: the database lock is that transaction's. */
    @Override
    public Lock obtainLock(String identifier) {
        Lock lock = local.obtainLock(identifier);
        try {
            jdbc.query("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", rs -> { }, identifier);
        } catch (RuntimeException e) {
            lock.release();
            throw e;
        }
        return lock;
    }
}
