package az.ekabinet.bench;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the benchmark's database did while one path was measured, from its own statistics: transactions committed,
 * rows written (inserted, updated, deleted) and rows read. Per operation, it says how much more work one HTTP
 * operation is for PostgreSQL than one operation of its baseline, whatever part of the service causes it
 * (the command's transaction, the streaming projections after it, the session lookup).
 */
record DatabaseWork(long commits, long rowsWritten, long rowsRead) {

    /**
     * A backend publishes its counters when it goes idle, at most once a second, and otherwise ten seconds later if
     * it stays idle (PostgreSQL 15): the counters are read once that is over for every connection.
     */
    static DatabaseWork now(JdbcTemplate jdbc) throws InterruptedException {
        Thread.sleep(11_000);
        return jdbc.queryForObject("""
                SELECT xact_commit, tup_inserted + tup_updated + tup_deleted, tup_fetched
                FROM pg_stat_database WHERE datname = current_database()""",
                (rs, row) -> new DatabaseWork(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
    }

    /** "3.1 commits, 9.0 rows written, 41.7 rows read" per operation since {@code before}. */
    String perOperationSince(DatabaseWork before, int operations) {
        return "%.1f commits, %.1f rows written, %.1f rows read".formatted(
                (commits - before.commits) / (double) operations, (rowsWritten - before.rowsWritten) / (double) operations,
                (rowsRead - before.rowsRead) / (double) operations);
    }
}
