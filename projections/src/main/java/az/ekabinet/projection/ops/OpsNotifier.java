package az.ekabinet.projection.ops;

import az.ekabinet.domain.shared.InCommandTransaction;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells every node sharing the database that the event store has new events: a PostgreSQL {@code NOTIFY} on
 * {@value #CHANNEL}, sent by a subscribing processor in the transaction that appends the events. PostgreSQL
 * delivers it at commit and drops it on rollback, so listeners hear of committed events only. The payload is empty,
 * a wake-up: a listener reads what is new from the event store itself, in global-index order, the same way a
 * reconnecting client catches up, so a lost or merged notification loses nothing. One per unit of work.
 */
@Component
@InCommandTransaction
@ProcessingGroup(OpsNotifier.PROCESSING_GROUP)
public class OpsNotifier {

    public static final String PROCESSING_GROUP = "ops-notify";
    public static final String CHANNEL = "ekabinet_ops";
    private static final String NOTIFIED = OpsNotifier.class.getName() + ".notified";

    private final JdbcTemplate jdbc;

    public OpsNotifier(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(Object event) {
        if (CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().root().resources().putIfAbsent(NOTIFIED, Boolean.TRUE) != null) {
            return; // this transaction notifies already
        }
        jdbc.query("SELECT pg_notify(?, '')", rs -> { }, CHANNEL);
    }
}
