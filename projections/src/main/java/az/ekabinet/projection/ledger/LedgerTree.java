package az.ekabinet.projection.ledger;

import az.ekabinet.domain.ledger.TreeEdge;
import az.ekabinet.domain.ledger.TreeNode;
import az.ekabinet.domain.ledger.TreeProofs;
import az.ekabinet.domain.wallet.LedgerLine;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the ledger's Merkle tree where the ledger keeps it: each node in the line of its last leaf, a leaf made from
 * the line itself and an inner node in its {@code tree_hashes} ({@link TreeNode#hashesIn}), and the signed checkpoints.
 */
final class LedgerTree {

    private final JdbcTemplate jdbc;

    LedgerTree(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The hashes of {@code nodes}, read in one query (one index lookup each). */
    Map<TreeNode, byte[]> nodes(Collection<TreeNode> nodes) {
        Map<Long, TreeNode.StoredLine> lines = new HashMap<>();
        if (!nodes.isEmpty()) {
            jdbc.query(connection -> {
                var statement = connection.prepareStatement("""
                        SELECT e.* FROM unnest(?::bigint[]) AS p(position)
                        CROSS JOIN LATERAL (SELECT position, cabinet_number, type, amount_qepik, balance_after_qepik,
                                                   cause, occurred_at, hash, tree_hashes
                                            FROM readmodel.ledger_entry WHERE position = p.position) e""");
                statement.setArray(1, connection.createArrayOf("bigint", TreeNode.linePositions(nodes)));
                return statement;
            }, rs -> {
                var line = new LedgerLine(rs.getLong("position"), rs.getString("cabinet_number"),
                        LedgerLine.Type.valueOf(rs.getString("type")), rs.getLong("amount_qepik"),
                        rs.getLong("balance_after_qepik"), rs.getString("cause"), rs.getString("occurred_at"));
                lines.put(line.position(),
                        TreeNode.StoredLine.of(line, rs.getString("hash"), rs.getBytes("tree_hashes")));
            });
        }
        Map<TreeNode, byte[]> hashes = TreeNode.hashesIn(nodes, lines);
        if (hashes.size() < nodes.size()) {
            throw new IllegalStateException("the ledger has no line for some of the tree nodes " + nodes);
        }
        return hashes;
    }

    /** The right edge of the tree of the first {@code size} lines, to grow it. */
    TreeEdge edge(long size) {
        List<TreeNode> edge = TreeNode.edgeOf(size);
        Map<TreeNode, byte[]> hashes = nodes(edge);
        return TreeEdge.of(size, edge.stream().map(hashes::get).toList());
    }

    /** The root of the tree of the first {@code size} lines. */
    byte[] root(long size) {
        Map<TreeNode, byte[]> hashes = nodes(TreeProofs.nodesForRoot(size));
        return TreeProofs.root(size, hashes::get);
    }

    /** The signed roots of the checkpoints with sizes in {@code (after, upTo]}: what a tree growing there must meet. */
    Map<Long, byte[]> signedRoots(long after, long upTo) {
        Map<Long, byte[]> roots = new HashMap<>();
        jdbc.query("SELECT tree_size, root_hash FROM readmodel.ledger_checkpoint WHERE tree_size > ? AND tree_size <= ?",
                rs -> {
                    roots.put(rs.getLong(1), rs.getBytes(2));
                }, after, upTo);
        return roots;
    }
}
