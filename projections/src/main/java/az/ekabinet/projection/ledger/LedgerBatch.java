package az.ekabinet.projection.ledger;

import az.ekabinet.domain.wallet.LedgerLine;
import az.ekabinet.projection.plumbing.CopyText;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ledger lines of one processor batch, collected in the order the processor handled their events and written
 * together in the batch's transaction: the wallets opened, then one query for the events' global indices, one for
 * the last line, one for the lines already there (redeliveries; only when an event is older than the newest line),
 * one for the cabinet numbers and one COPY of all the new lines, chained in order.
 *
 * <p>The lookups take an array of keys and look each one up in a LATERAL subquery with LIMIT 1: that keeps them
 * index lookups, where {@code = ANY(array)} over a thousand keys makes the planner scan the whole table.
 */
final class LedgerBatch {

    private final JdbcTemplate jdbc;
    private final Map<String, String> opened = new LinkedHashMap<>();
    private final List<LedgerMovement> movements = new ArrayList<>();

    LedgerBatch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void opened(String walletId, String cabinetNumber) {
        opened.putIfAbsent(walletId, cabinetNumber);
    }

    void moved(LedgerMovement movement) {
        movements.add(movement);
    }

    void write() {
        if (!opened.isEmpty()) {
            update("""
                    INSERT INTO readmodel.ledger_wallet (wallet_id, cabinet_number)
                    SELECT * FROM unnest(?::varchar[], ?::varchar[]) ON CONFLICT DO NOTHING""",
                    List.copyOf(opened.keySet()), List.copyOf(opened.values()));
        }
        if (movements.isEmpty()) {
            return;
        }
        // Every lookup below has its index; with statistics not yet caught up after a bulk of events (an import),
        // the planner once chose to scan the event table once per key. This transaction is the ledger's alone.
        jdbc.execute("SET LOCAL enable_seqscan = off");
        // each event's own global index, looked up: its tracking token will not do, since an event that fills a gap
        // (a late commit) carries the token of the highest index seen so far
        Map<String, Long> globalIndices = pairs("""
                SELECT g.id, e.globalindex FROM unnest(?::varchar[]) AS g(id)
                CROSS JOIN LATERAL (SELECT globalindex FROM domainevententry WHERE eventidentifier = g.id LIMIT 1) e""",
                movements.stream().map(LedgerMovement::eventId).toList(), rs -> rs.getLong(2));
        Last last = last();
        Set<Long> alreadyThere = linesAlreadyThere(globalIndices.values(), last);
        Map<String, String> cabinets = cabinetNumbers();

        LedgerChain chain = new LedgerChain(last.position(), last.hash());
        StringBuilder lines = new StringBuilder(movements.size() * 200);
        for (LedgerMovement m : movements) {
            Long globalIndex = globalIndices.get(m.eventId());
            if (globalIndex == null) {
                throw new IllegalStateException("a handled event is not in the event store: " + m.eventId());
            }
            if (!alreadyThere.add(globalIndex)) {
                continue; // redelivered: its line is already there (or earlier in this batch)
            }
            String cabinetNumber = cabinets.get(m.walletId());
            if (cabinetNumber == null) {
                throw new IllegalStateException("money moved in a wallet that was never opened: " + m.walletId());
            }
            chain.append(globalIndex, m, cabinetNumber, lines);
        }
        if (chain.position() == last.position()) {
            return;
        }
        CopyText.load(jdbc, "COPY readmodel.ledger_entry (" + LedgerChain.COLUMNS + ") FROM STDIN", lines);
    }

    /**
     * The ledger's last line so far: where the next one goes and the hash it chains to; and the highest global index
     * that had a line when the batch began (0 if none).
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
     * The events of this batch that already have their line (redeliveries). Usually every event is newer than every
     * line (live events, and every batch of a replay): then none can have one, and nothing is looked up.
     */
    private Set<Long> linesAlreadyThere(Collection<Long> globalIndices, Last last) {
        if (globalIndices.stream().allMatch(index -> index > last.highestGlobalIndexBefore())) {
            return new HashSet<>();
        }
        return new HashSet<>(jdbc.query(connection -> statement(connection, """
                SELECT e.global_index FROM unnest(?::bigint[]) AS g(i)
                CROSS JOIN LATERAL (SELECT global_index FROM readmodel.ledger_entry WHERE global_index = g.i LIMIT 1) e""",
                List.copyOf(globalIndices)), (rs, row) -> rs.getLong(1)));
    }

    /** From the ledger's own WalletOpened mapping; the wallet read model (written with the command) as a fallback. */
    private Map<String, String> cabinetNumbers() {
        List<String> wallets = movements.stream().map(LedgerMovement::walletId).distinct().toList();
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
