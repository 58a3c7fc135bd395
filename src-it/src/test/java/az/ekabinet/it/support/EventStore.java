package az.ekabinet.it.support;

import org.springframework.jdbc.core.JdbcTemplate;

/** Direct reads of the event store, to check what was (and was not) stored. */
public record EventStore(JdbcTemplate jdbc) {

    public int eventsOf(String aggregateId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class, aggregateId);
    }

    /**
     * Every event but those that automations append on their own time (a wallet opening after a cabinet's
     * activation): what a test that expects a request to store nothing may compare before and after.
     */
    public long totalEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype NOT LIKE '%.WalletOpened'",
                Long.class);
    }
}
