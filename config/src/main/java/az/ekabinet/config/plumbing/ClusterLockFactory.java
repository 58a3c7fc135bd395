package az.ekabinet.config.plumbing;

import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Axon's per-aggregate lock for every node at once: a PostgreSQL advisory lock on the aggregate's id, held by the
 * command's transaction until it commits or rolls back, and then this node's own lock (Axon's pessimistic lock, so
 * the aggregate in memory is used by one thread at a time). Commands on one wallet from several nodes then take turns,
 * as they do on one node, instead of racing on the event store's unique key until their retries run out (two nodes
 * moving one wallet from both sides answered 5xx that way).
 *
 * <p>The database lock comes first. Axon releases its own lock when a load fails, while the transaction (and the
 * database lock) goes on: a command that loads an application, finds none and creates it locks the id twice in one
 * transaction. The advisory lock is re-entrant within the transaction, so the second time passes; had the node's lock
 * come first, another thread could take it in between and wait for the database lock this transaction holds, while
 * this one waited for the node's lock (ten concurrent starts of one application hung that way).
 *
 * <p>Aggregates are locked in the order a command loads them; a command that loads two wallets loads them in id
 * order, so two such commands cannot wait on each other.
 */
public final class ClusterLockFactory implements LockFactory {

    private final LockFactory local = PessimisticLockFactory.usingDefaults();
    private final JdbcTemplate jdbc;

    public ClusterLockFactory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Must be called in the command's transaction: the database lock is that transaction's. */
    @Override
    public Lock obtainLock(String identifier) {
        jdbc.query("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", rs -> { }, identifier);
        return local.obtainLock(identifier);
    }
}
