package az.ekabinet.projection.ledger;

import az.ekabinet.domain.wallet.FundsCredited;
import az.ekabinet.domain.wallet.FundsDebited;
import az.ekabinet.domain.wallet.LedgerLine;
import az.ekabinet.projection.plumbing.CopyText;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Appends to the ledger, strictly in global-index order, in the caller's transaction: the lines of a processor batch
 * ({@link LedgerBatch}), and those held back before ({@link #appendHeld()}, run by a timer on every node too).
 *
 * <p><b>Why it holds lines back.</b> Global indices are taken when a transaction inserts its events, and transactions
 * commit in any order: the processor may handle index 11 while 10 is still uncommitted (a gap in its token). Written
 * in handling order, the ledger would then differ from what a replay or a rebuild writes from the event store, and
 * would contradict the Merkle tree's signed checkpoints. So a line is appended only once every lower index is settled:
 * in the ledger, about to be, an event the ledger does not record, or dead. A missing index is dead when no
 * transaction that could have taken it is still open: none that started before the writer handled the event above it
 * ({@code seen_at}). Until then the line waits in {@code readmodel.ledger_held}, in the same transaction as the
 * processor's token, so a crash loses nothing.
 *
 * <p><b>Round trips.</b> The lookups take an array of keys and look each one up in a LATERAL subquery with LIMIT 1:
 * that keeps them index lookups, where {@code = ANY(array)} over a thousand keys makes the planner scan the whole
 * table. One COPY writes all the new lines, each with its Merkle tree nodes ({@link LedgerChain}); then a checkpoint is
 * signed if one is due ({@link LedgerCheckpoints}).
 */
final class LedgerWriter {

    /** The transaction-scoped advisory lock that makes the writers (processor batches, timers) take turns. */
    private static final long WRITER_LOCK = 0x6c65646765720001L;

    private static final String[] LINE_EVENTS = {FundsCredited.class.getName(), FundsDebited.class.getName()};

    private final JdbcTemplate jdbc;
    private final LedgerCheckpoints checkpoints;

    LedgerWriter(JdbcTemplate jdbc, LedgerCheckpoints checkpoints) {
        this.jdbc = jdbc;
        this.checkpoints = checkpoints;
    }

    /** An event's movement waiting to become a line, and when the writer handled it (null: in this transaction). */
    private record Candidate(long globalIndex, LedgerMovement movement, Instant seenAt, boolean held) {
    }

    /** The wallets opened and the movements of a processor batch. */
    void write(Map<String, String> opened, List<LedgerMovement> movements) {
        if (!opened.isEmpty()) {
            update("""
                    INSERT INTO readmodel.ledger_wallet (wallet_id, cabinet_number)
                    SELECT * FROM unnest(?::varchar[], ?::varchar[]) ON CONFLICT DO NOTHING""",
                    List.copyOf(opened.keySet()), List.copyOf(opened.values()));
        }
        if (!movements.isEmpty()) {
            append(movements);
        }
    }

    /**
     * Appends what was held back and may go now (a timer's turn, when no batch comes to do it); nothing if another
     * writer has the turn (a batch, a rebuild), which appends it anyway.
     */
    void appendHeld() {
        if (Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, WRITER_LOCK))) {
            append(List.of());
        }
    }

    /** Waits for the writers' turn, until the transaction ends. */
    static void lock(JdbcTemplate jdbc) {
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)::text", String.class, WRITER_LOCK);
    }

    private void append(List<LedgerMovement> movements) {
        lock(jdbc);
        // Every lookup below has its index; with statistics not yet caught up after a bulk of events (an import),
        // the planner once chose to scan the event table once per key. This transaction is the ledger's alone.
        jdbc.execute("SET LOCAL enable_seqscan = off");
        List<Candidate> candidates = held();
        if (candidates.isEmpty() && movements.isEmpty()) {
            return;
        }
        // each event's own global index, looked up: its tracking token will not do, since an event that fills a gap
        // (a late commit) carries the token of the highest index seen so far
        Map<String, Long> globalIndices = pairs("""
                SELECT g.id, e.globalindex FROM unnest(?::varchar[]) AS g(id)
                CROSS JOIN LATERAL (SELECT globalindex FROM domainevententry WHERE eventidentifier = g.id LIMIT 1) e""",
                movements.stream().map(LedgerMovement::eventId).toList(), rs -> rs.getLong(2));
        for (LedgerMovement m : movements) {
            Long globalIndex = globalIndices.get(m.eventId());
            if (globalIndex == null) {
                throw new IllegalStateException("a handled event is not in the event store: " + m.eventId());
            }
            candidates.add(new Candidate(globalIndex, m, null, false));
        }
        Last last = last();
        Set<Long> alreadyThere = linesAlreadyThere(candidates, last);
        Map<Long, Candidate> unique = new HashMap<>();
        for (Candidate candidate : candidates) {
            if (!alreadyThere.contains(candidate.globalIndex())) { // redelivered: its line is already there
                unique.merge(candidate.globalIndex(), candidate, (kept, again) -> kept.held() ? kept : again);
            }
        }
        List<Candidate> ordered = new ArrayList<>(unique.values());
        ordered.sort(Comparator.comparingLong(Candidate::globalIndex));
        long horizon = unsettledBelow(last.highestGlobalIndexBefore(), ordered);

        List<Candidate> now = ordered.stream().filter(c -> c.globalIndex() < horizon).toList();
        List<Candidate> later = ordered.stream().filter(c -> c.globalIndex() >= horizon && !c.held()).toList();
        List<Long> released = now.stream().filter(Candidate::held).map(Candidate::globalIndex).toList();
        hold(later);
        if (!released.isEmpty()) {
            update("DELETE FROM readmodel.ledger_held WHERE global_index = ANY(?::bigint[])", released);
        }
        if (now.isEmpty()) {
            return;
        }
        Map<String, String> cabinets = cabinetNumbers(now);
        LedgerTree tree = new LedgerTree(jdbc);
        LedgerChain chain = new LedgerChain(last.position(), last.hash(), tree.edge(last.position()),
                tree.signedRoots(last.position(), last.position() + now.size()));
        StringBuilder lines = new StringBuilder(now.size() * 300);
        for (Candidate c : now) {
            String cabinetNumber = cabinets.get(c.movement().walletId());
            if (cabinetNumber == null) {
                throw new IllegalStateException("money moved in a wallet that was never opened: " + c.movement().walletId());
            }
            chain.append(c.globalIndex(), c.movement(), cabinetNumber, lines);
        }
        CopyText.load(jdbc, "COPY readmodel.ledger_entry (" + LedgerChain.COLUMNS + ") FROM STDIN", lines);
        checkpoints.grown(chain.position(), chain.root());
    }

    /**
     * The lowest global index between the ledger's last line and the last candidate that is not settled yet, or
     * {@link Long#MAX_VALUE}: an index that is neither a candidate nor an event the ledger does not record, and is
     * either a ledger event the processor has not handled yet or missing from the event store while a transaction
     * that may have taken it is still open.
     */
    private long unsettledBelow(long ledgerMax, List<Candidate> ordered) {
        if (ordered.isEmpty() || ordered.get(ordered.size() - 1).globalIndex() - 1 <= ledgerMax) {
            return Long.MAX_VALUE;
        }
        long to = ordered.get(ordered.size() - 1).globalIndex() - 1;
        long from = ledgerMax + 1;
        Long[] candidates = ordered.stream().map(Candidate::globalIndex).toArray(Long[]::new);
        List<long[]> open = jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    SELECT i, (e.globalindex IS NOT NULL)::int FROM generate_series(?::bigint, ?::bigint) AS i
                    LEFT JOIN LATERAL (SELECT globalindex, payloadtype FROM domainevententry WHERE globalindex = i) e
                      ON true
                    WHERE NOT (i = ANY(?::bigint[])) AND (e.globalindex IS NULL OR e.payloadtype = ANY(?::varchar[]))
                    ORDER BY i""");
            statement.setLong(1, from);
            statement.setLong(2, to);
            statement.setArray(3, connection.createArrayOf("bigint", candidates));
            statement.setArray(4, connection.createArrayOf("varchar", LINE_EVENTS));
            return statement;
        }, (rs, row) -> new long[] {rs.getLong(1), rs.getInt(2)});
        // the line above a missing index was handled at its seenAt (now, for this batch's): a transaction open since
        // before then may have taken the index
        return firstUnsettled(jdbc, open, (index, now) -> ordered.stream().filter(c -> c.globalIndex() > index)
                .findFirst().map(c -> c.seenAt() == null ? now : c.seenAt()).orElseThrow());
    }

    /**
     * The lowest of the processor token's {@code gaps} (indices it has not handled) that is not settled, or
     * {@link Long#MAX_VALUE}: a ledger event committed since, or, above {@code settledUpTo} (what the live ledger has
     * passed, having found it dead), missing while a transaction that began before now is still open. For the bulk
     * rebuild, which writes what the token covers below it and holds back the rest, as this writer would.
     */
    static long firstUnsettledGap(JdbcTemplate jdbc, Collection<Long> gaps, long settledUpTo) {
        if (gaps.isEmpty()) {
            return Long.MAX_VALUE;
        }
        Long[] sorted = gaps.stream().sorted().toArray(Long[]::new);
        List<long[]> open = jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    SELECT g, (e.globalindex IS NOT NULL)::int FROM unnest(?::bigint[]) AS g
                    LEFT JOIN LATERAL (SELECT globalindex, payloadtype FROM domainevententry WHERE globalindex = g) e
                      ON true
                    WHERE e.globalindex IS NULL OR e.payloadtype = ANY(?::varchar[])
                    ORDER BY g""");
            statement.setArray(1, connection.createArrayOf("bigint", sorted));
            statement.setArray(2, connection.createArrayOf("varchar", LINE_EVENTS));
            return statement;
        }, (rs, row) -> new long[] {rs.getLong(1), rs.getInt(2)});
        // what the processor handled was handled before now; the live ledger found what it passed dead already
        return firstUnsettled(jdbc, open, (gap, now) -> gap > settledUpTo ? now : null);
    }

    /** When the event above a missing index was handled; {@code null} if the index is known to be dead. */
    private interface SeenAt {
        Instant of(long missingIndex, Instant now);
    }

    /**
     * The first of {@code open} (ascending {@code (index, 1 if committed)}: each missing from the event store or a
     * ledger event) that is not settled, or {@link Long#MAX_VALUE}: a committed one (a ledger event the processor has
     * not handled: it will), or a missing one while a transaction that began before the event above it was handled is
     * still open (it may still commit it).
     */
    private static long firstUnsettled(JdbcTemplate jdbc, List<long[]> open, SeenAt seenAt) {
        if (open.isEmpty()) {
            return Long.MAX_VALUE;
        }
        Instant[] oldestOpenAndNow = oldestOpenTransaction(jdbc);
        for (long[] index : open) {
            if (index[1] == 1) {
                return index[0];
            }
            Instant seen = seenAt.of(index[0], oldestOpenAndNow[1]);
            if (seen != null && oldestOpenAndNow[0] != null && oldestOpenAndNow[0].isBefore(seen)) {
                return index[0];
            }
        }
        return Long.MAX_VALUE; // every gap is dead
    }

    /** The start of the oldest transaction open in this database on any other connection (or null), and now. */
    private static Instant[] oldestOpenTransaction(JdbcTemplate jdbc) {
        return jdbc.queryForObject("""
                SELECT (SELECT min(xact_start) FROM pg_stat_activity WHERE datname = current_database()
                        AND backend_type = 'client backend' AND pid <> pg_backend_pid()), now()""",
                (rs, row) -> new Instant[] {instant(rs.getTimestamp(1)), instant(rs.getTimestamp(2))});
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private List<Candidate> held() {
        return new ArrayList<>(jdbc.query("""
                SELECT global_index, wallet_id, type, amount_qepik, balance_after_qepik, cause, occurred_at, seen_at
                FROM readmodel.ledger_held ORDER BY global_index""", (rs, row) -> new Candidate(rs.getLong(1),
                new LedgerMovement(null, rs.getString(2), LedgerLine.Type.valueOf(rs.getString(3)), rs.getLong(4),
                        rs.getLong(5), rs.getString(6), rs.getString(7)), rs.getTimestamp(8).toInstant(), true)));
    }

    private void hold(List<Candidate> later) {
        if (later.isEmpty()) {
            return;
        }
        update("""
                INSERT INTO readmodel.ledger_held
                    (global_index, wallet_id, type, amount_qepik, balance_after_qepik, cause, occurred_at, seen_at)
                SELECT g, w, t, a, b, c, o, now()
                FROM unnest(?::bigint[], ?::varchar[], ?::varchar[], ?::bigint[], ?::bigint[], ?::varchar[], ?::varchar[])
                     AS x(g, w, t, a, b, c, o)
                ON CONFLICT (global_index) DO NOTHING""",
                later.stream().map(Candidate::globalIndex).toList(),
                later.stream().map(c -> c.movement().walletId()).toList(),
                later.stream().map(c -> c.movement().type().name()).toList(),
                later.stream().map(c -> c.movement().amountQepik()).toList(),
                later.stream().map(c -> c.movement().balanceAfterQepik()).toList(),
                later.stream().map(c -> c.movement().cause()).toList(),
                later.stream().map(c -> c.movement().occurredAt()).toList());
    }

    /**
     * The ledger's last line so far: where the next one goes and the hash it chains to; and the highest global index
     * that has a line (0 if none).
     */
    private record Last(long position, String hash, long highestGlobalIndexBefore) {
    }

    private Last last() {
        List<Last> last = jdbc.query("""
                SELECT position, hash, (SELECT max(global_index) FROM readmodel.ledger_entry)
                FROM readmodel.ledger_entry ORDER BY position DESC LIMIT 1""",
                (rs, row) -> new Last(rs.getLong(1), rs.getString(2), rs.getLong(3)));
        return last.isEmpty() ? new Last(0, LedgerLine.GENESIS_HASH, 0) : last.get(0);
    }

    /**
     * The candidates that already have their line (redeliveries). Usually every event is newer than every line (live
     * events, and every batch of a replay): then none can have one, and nothing is looked up.
     */
    private Set<Long> linesAlreadyThere(Collection<Candidate> candidates, Last last) {
        List<Long> indices = candidates.stream().map(Candidate::globalIndex).toList();
        if (indices.stream().allMatch(index -> index > last.highestGlobalIndexBefore())) {
            return new HashSet<>();
        }
        return new HashSet<>(jdbc.query(connection -> statement(connection, """
                SELECT e.global_index FROM unnest(?::bigint[]) AS g(i)
                CROSS JOIN LATERAL (SELECT global_index FROM readmodel.ledger_entry WHERE global_index = g.i LIMIT 1) e""",
                indices), (rs, row) -> rs.getLong(1)));
    }

    /** From the ledger's own WalletOpened mapping; the wallet read model (written with the command) as a fallback. */
    private Map<String, String> cabinetNumbers(List<Candidate> candidates) {
        List<String> wallets = candidates.stream().map(c -> c.movement().walletId()).distinct().toList();
        return pairs("""
                SELECT w.id, coalesce(
                    (SELECT cabinet_number FROM readmodel.ledger_wallet WHERE wallet_id = w.id LIMIT 1),
                    (SELECT cabinet_number FROM readmodel.wallet WHERE wallet_id = w.id LIMIT 1))
                FROM unnest(?::varchar[]) AS w(id)""", wallets, rs -> rs.getString(2));
    }

    private interface Column<T> {
        T read(java.sql.ResultSet rs) throws SQLException;
    }

    /** A query on one array parameter whose rows are (key, value). */
    private <T> Map<String, T> pairs(String sql, List<?> parameter, Column<T> value) {
        Map<String, T> pairs = new HashMap<>();
        if (parameter.isEmpty()) {
            return pairs;
        }
        jdbc.query(connection -> statement(connection, sql, parameter), rs -> {
            pairs.put(rs.getString(1), value.read(rs));
        });
        return pairs;
    }

    private void update(String sql, List<?>... parameters) {
        jdbc.update(connection -> statement(connection, sql, parameters));
    }

    private static PreparedStatement statement(Connection connection, String sql, List<?>... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setArray(i + 1, array(connection, parameters[i]));
        }
        return statement;
    }

    /** A text or bigint array; the statement casts it to the column's type. */
    private static Array array(Connection connection, List<?> values) throws SQLException {
        boolean numbers = !values.isEmpty() && values.get(0) instanceof Long;
        return connection.createArrayOf(numbers ? "bigint" : "varchar", values.toArray());
    }
}
