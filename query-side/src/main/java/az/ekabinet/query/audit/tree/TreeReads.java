package az.ekabinet.query.audit.tree;

import az.ekabinet.domain.ledger.TreeNode;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.query.audit.LedgerRows;
import io.r2dbc.spi.Readable;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads the ledger's Merkle tree and its signed checkpoints: a node's hash is in the line of its last leaf (a leaf's
 * made from the line itself, an inner node's in its {@code tree_hashes}: {@link TreeNode#hashesIn}), so the O(log n)
 * nodes of a proof are as many primary-key lookups, in one query.
 */
@Component
public class TreeReads {

    /** A stored checkpoint: the tree size it signs and its signed note. */
    public record SignedCheckpoint(long treeSize, String note) {
    }

    private final DatabaseClient db;

    public TreeReads(DatabaseClient db) {
        this.db = db;
    }

    /** The tree's size now: the ledger's last position (0 when empty). */
    public Mono<Long> size() {
        return db.sql("SELECT coalesce(max(position), 0) AS size FROM readmodel.ledger_entry")
                .map((row, meta) -> row.get("size", Long.class))
                .one();
    }

    /** The hashes of {@code nodes}; TREE_SIZE_NOT_REACHED if the ledger has not reached the line of one of them. */
    public Mono<Map<TreeNode, byte[]>> nodes(Collection<TreeNode> nodes) {
        if (nodes.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("""
                        SELECT l.* FROM unnest(:positions::bigint[]) AS p(position)
                        CROSS JOIN LATERAL (SELECT %s, l.tree_hashes FROM readmodel.ledger_entry l
                                            WHERE l.position = p.position) l""".formatted(LedgerRows.COLUMNS))
                .bind("positions", TreeNode.linePositions(nodes))
                .map((row, meta) -> Map.entry(row.get("position", Long.class), TreeNode.StoredLine.of(
                        LedgerRows.line(row), row.get("hash", String.class),
                        bytes(row.get("tree_hashes", ByteBuffer.class)))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new)
                .map(lines -> {
                    Map<TreeNode, byte[]> hashes = TreeNode.hashesIn(nodes, lines);
                    if (hashes.size() < nodes.size()) { // the ledger has not reached the tree these nodes are of
                        throw new DomainException(ErrorCode.TREE_SIZE_NOT_REACHED);
                    }
                    return hashes;
                });
    }

    /** The latest checkpoint, if any was signed. */
    public Mono<SignedCheckpoint> latest() {
        return db.sql("SELECT tree_size, note FROM readmodel.ledger_checkpoint ORDER BY tree_size DESC LIMIT 1")
                .map(TreeReads::checkpoint)
                .one();
    }

    /** The first checkpoint whose tree has at least {@code size} leaves. */
    public Mono<SignedCheckpoint> covering(long size) {
        return db.sql("""
                        SELECT tree_size, note FROM readmodel.ledger_checkpoint WHERE tree_size >= :size
                        ORDER BY tree_size LIMIT 1""")
                .bind("size", size)
                .map(TreeReads::checkpoint)
                .one();
    }

    private static SignedCheckpoint checkpoint(Readable row) {
        return new SignedCheckpoint(row.get("tree_size", Long.class), row.get("note", String.class));
    }

    private static byte[] bytes(ByteBuffer bytea) {
        byte[] bytes = new byte[bytea.remaining()];
        bytea.get(bytes);
        return bytes;
    }
}
