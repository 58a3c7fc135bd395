package az.ekabinet.it.support;

import org.springframework.jdbc.core.JdbcTemplate;

/** Direct reads of the event store, to check what was (and was not) stored. */
public record EventStore(JdbcTemplate jdbc) {

    public int eventsOf(String aggregateId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class, aggregateId);
    }

    public long totalEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
    }
}
