package az.ekabinet.bench;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the benchmark's database did while one path was measured, from its own statistics: transactions committed and
 * rows written (inserted, updated, deleted). Per operation, it says how much more work one HTTP operation is for
 * PostgreSQL than one operation of its baseline, whatever part of the service causes it (the command's transaction,
 * the streaming projections after it, the session lookup). Rows read are left out: the service's timers (the ops
 * counters, the processors' polls) read far more rows in the same seconds than one balance read does.
 */
record DatabaseWork(long commits, long rowsWritten) {

    /**
     * A backend publishes its counters when it goes idle, at most once a second, and otherwise ten seconds later if
     * it stays idle (PostgreSQL 15): the counters are read once that is over for every connection.
     */
    static DatabaseWork now(JdbcTemplate jdbc) throws InterruptedException {
        Thread.sleep(11_000);
        return jdbc.queryForObject("""
                SELECT xact_commit, tup_inserted + tup_updated + tup_deleted
                FROM pg_stat_database WHERE datname = current_database()""",
                (rs, row) -> new DatabaseWork(rs.getLong(1), rs.getLong(2)));
    }

    /** "3.1 commits, 9.0 rows written" per operation since {@code before}. */
    String perOperationSince(DatabaseWork before, int operations) {
        return "%.1f commits, %.1f rows written".formatted(
                (commits - before.commits) / (double) operations, (rowsWritten - before.rowsWritten) / (double) operations);
    }
}
