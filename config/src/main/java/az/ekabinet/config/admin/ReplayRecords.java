package az.ekabinet.config.admin;

import az.ekabinet.config.admin.ProjectionReplays.Replay;
import az.ekabinet.config.admin.ProjectionReplays.State;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The administrators' replays as every node sees them ({@code command.projection_replay}): which one runs, on which
 * node, and how the last one of each projection ended. A replay's node renews its heartbeat every
 * {@link #HEARTBEAT_EVERY}; one not renewed for {@link #LEASE} was left behind by a node that died, and counts as
 * failed. Times of the lease are the database's, the same for every node whatever their clocks.
 */
@Component
class ReplayRecords {

    static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(5);
    static final Duration LEASE = Duration.ofSeconds(30);
    /** Serialises the starts of replays in the whole cluster (any number will do that no other lock uses). */
    private static final long START_LOCK = 0x656b6162_7265706cL;
    private static final String LIVE = "state = 'RUNNING' AND heartbeat_at > now() - make_interval(secs => "
            + LEASE.toSeconds() + ")";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    ReplayRecords(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Records {@code started} as running on {@code node}, unless any replay runs anywhere: then false. */
    boolean tryStart(Replay started, String node) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            jdbc.query("SELECT pg_advisory_xact_lock(?)", rs -> { }, START_LOCK);
            Integer running = jdbc.queryForObject("SELECT count(*) FROM command.projection_replay WHERE " + LIVE,
                    Integer.class);
            if (running != null && running > 0) {
                return false;
            }
            jdbc.update("""
                    INSERT INTO command.projection_replay (projection, kind, state, events_replayed, started_at, node,
                        heartbeat_at) VALUES (?, ?, 'RUNNING', 0, ?, ?, now())
                    ON CONFLICT (projection) DO UPDATE SET kind = EXCLUDED.kind, state = 'RUNNING', events_replayed = 0,
                        started_at = EXCLUDED.started_at, finished_at = NULL, failure = NULL, node = EXCLUDED.node,
                        heartbeat_at = now()""",
                    started.projection(), started.kind(), Timestamp.from(started.startedAt()), node);
            return true;
        }));
    }

    /** The replay of {@code projection} still runs on {@code node}, and has got this far. */
    void heartbeat(String projection, String node, long eventsReplayed) {
        jdbc.update("""
                UPDATE command.projection_replay SET heartbeat_at = now(), events_replayed = ?
                WHERE projection = ? AND node = ? AND state = 'RUNNING'""", eventsReplayed, projection, node);
    }

    void finish(Replay finished, String node) {
        jdbc.update("""
                UPDATE command.projection_replay SET state = ?, events_replayed = ?, finished_at = ?, failure = ?,
                    heartbeat_at = now()
                WHERE projection = ? AND node = ?""",
                finished.state().name(), finished.eventsReplayed(), Timestamp.from(finished.finishedAt()),
                finished.failure(), finished.projection(), node);
    }

    /** The last replay of each projection that has had one; one whose node died reads as failed. */
    Map<String, Replay> all() {
        Map<String, Replay> all = new LinkedHashMap<>();
        jdbc.query("SELECT *, " + LIVE + " AS live FROM command.projection_replay ORDER BY projection",
                rs -> {
                    Replay replay = replay(rs);
                    all.put(replay.projection(), replay);
                });
        return all;
    }

    /** The projections whose replay runs now on another node than {@code node}. */
    Set<String> runningElsewhere(String node) {
        return new HashSet<>(jdbc.queryForList(
                "SELECT projection FROM command.projection_replay WHERE node <> ? AND " + LIVE, String.class, node));
    }

    private static Replay replay(ResultSet rs) throws SQLException {
        State state = State.valueOf(rs.getString("state"));
        String failure = rs.getString("failure");
        Instant finishedAt = instant(rs.getTimestamp("finished_at"));
        if (state == State.RUNNING && !rs.getBoolean("live")) {
            state = State.FAILED;
            failure = "NODE_LOST";
            finishedAt = instant(rs.getTimestamp("heartbeat_at"));
        }
        return new Replay(rs.getString("projection"), rs.getString("kind"), state, rs.getLong("events_replayed"),
                instant(rs.getTimestamp("started_at")), finishedAt, failure);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
