package az.ekabinet.projection.ledger;

import az.ekabinet.domain.ledger.TreeEdge;
import az.ekabinet.domain.ledger.TreeHashes;
import az.ekabinet.domain.ledger.TreeNode;
import az.ekabinet.domain.shared.Hex;
import az.ekabinet.domain.wallet.LedgerLine;
import az.ekabinet.projection.plumbing.CopyText;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Makes the next lines of the ledger after a given last line: each gets the next position, the hash over it and the
 * previous hash ({@link LedgerLine}), and its leaf in the ledger's Merkle tree ({@link TreeEdge}), the inner nodes it
 * completes kept in its {@code tree_hashes} ({@link TreeNode#storedInLine}); it is appended as one row of
 * PostgreSQL's COPY text format. The live processor's batches ({@link LedgerBatch}) and the bulk rebuild
 * ({@link LedgerRebuild}) both write through it, so both make the same tree.
 *
 * <p>A tree that disagrees with a signed checkpoint is never written: the checkpoints given are public commitments,
 * and a replay or a rebuild that reaches one of their sizes with another root fails (and rolls back) instead.
 */
final class LedgerChain {

    /** The ledger's columns in the order {@link #append} writes them. */
    static final String COLUMNS = "position, global_index, wallet_id, cabinet_number, type, amount_qepik, "
            + "balance_after_qepik, cause, occurred_at, hash, tree_hashes";

    private long position;
    private String hash;
    private final TreeEdge tree;
    private final Map<Long, byte[]> signedRoots;

    /**
     * After the line at {@code lastPosition} with {@code lastHash} and the tree of that many leaves; the tree must
     * agree with {@code signedRoots} (tree size → signed root) at every size it reaches.
     */
    LedgerChain(long lastPosition, String lastHash, TreeEdge tree, Map<Long, byte[]> signedRoots) {
        if (tree.size() != lastPosition) {
            throw new IllegalArgumentException("a ledger of " + lastPosition + " lines has a tree of as many leaves");
        }
        this.position = lastPosition;
        this.hash = lastHash;
        this.tree = tree;
        this.signedRoots = signedRoots;
    }

    static LedgerChain empty(Map<Long, byte[]> signedRoots) {
        return new LedgerChain(0, LedgerLine.GENESIS_HASH, TreeEdge.empty(), signedRoots);
    }

    /** Chains the movement's line after the last one and appends it to {@code copyText}, newline included. */
    void append(long globalIndex, LedgerMovement movement, String cabinetNumber, StringBuilder copyText) {
        var line = new LedgerLine(position + 1, cabinetNumber, movement.type(), movement.amountQepik(),
                movement.balanceAfterQepik(), movement.cause(), movement.occurredAt());
        byte[] text = line.text().getBytes(StandardCharsets.UTF_8); // once, for the chain hash and the leaf
        String lineHash = LedgerLine.hash(text, hash);
        ByteArrayOutputStream treeHashes = new ByteArrayOutputStream(TreeHashes.SIZE);
        tree.append(TreeHashes.leaf(LedgerLine.leafBytes(text, lineHash)), (node, nodeHash) -> {
            if (node.storedInLine()) {
                treeHashes.writeBytes(nodeHash);
            }
        });
        byte[] signedRoot = signedRoots.get(line.position());
        if (signedRoot != null && !Arrays.equals(signedRoot, tree.root())) {
            throw new IllegalStateException("the ledger would disagree with its signed checkpoint of size "
                    + line.position() + ": the events are not in the order that was signed");
        }
        Object[] columns = {line.position(), globalIndex, movement.walletId(), cabinetNumber, movement.type().name(),
                movement.amountQepik(), movement.balanceAfterQepik(), movement.cause(), line.occurredAt(), lineHash,
                new CopyText.HexBytes(Hex.of(treeHashes.toByteArray()))};
        CopyText.appendRow(copyText, columns);
        position = line.position();
        hash = lineHash;
    }

    /** The position of the last line: the one most recently appended, or the one the chain was made after. */
    long position() {
        return position;
    }

    /** The root of the tree over every line so far. */
    byte[] root() {
        return tree.root();
    }
}
