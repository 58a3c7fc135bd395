package az.ekabinet.bench;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the benchmark's database did while one path was measured, from its own statistics: transactions committed,
 * how many of them wrote (each took a transaction id; read-only ones, such as a session lookup, do not), rows written
 * (inserted, updated, deleted) and how often the WAL was flushed to disk (what a writing commit waits for; concurrent
 * commits share a flush). Per operation, it says how much more work one HTTP operation is for PostgreSQL than one
 * operation of its baseline, whatever part of the service causes it (the command's transaction, the streaming
 * projections after it, the session lookup). Rows read are left out: the service's timers (the ops counters, the
 * processors' polls) read far more rows in the same seconds than one balance read does. Transaction ids and WAL
 * flushes are counted for the whole server, where nothing else runs meanwhile.
 */
record DatabaseWork(long commits, long writingTransactions, long rowsWritten, long walFlushes) {

    /**
     * A backend publishes its counters when it goes idle, at most once a second, and otherwise ten seconds later if
     * it stays idle (PostgreSQL 15): the counters are read once that is over for every connection.
     */
    static DatabaseWork now(JdbcTemplate jdbc) throws InterruptedException {
        Thread.sleep(11_000);
        return jdbc.queryForObject("""
                SELECT xact_commit, pg_snapshot_xmax(pg_current_snapshot())::text::bigint,
                    tup_inserted + tup_updated + tup_deleted, (SELECT wal_sync FROM pg_stat_wal)
                FROM pg_stat_database WHERE datname = current_database()""",
                (rs, row) -> new DatabaseWork(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
    }

    /** "3.1 commits (2.0 writing), 9.0 rows written, 0.8 WAL flushes" per operation since {@code before}. */
    String perOperationSince(DatabaseWork before, int operations) {
        double per = operations;
        return "%.1f commits (%.1f writing), %.1f rows written, %.2f WAL flushes".formatted(
                (commits - before.commits) / per, (writingTransactions - before.writingTransactions) / per,
                (rowsWritten - before.rowsWritten) / per, (walFlushes - before.walFlushes) / per);
    }
}
