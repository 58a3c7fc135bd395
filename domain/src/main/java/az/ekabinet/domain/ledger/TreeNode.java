package az.ekabinet.domain.ledger;

import az.ekabinet.domain.wallet.LedgerLine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of the ledger's Merkle tree that never changes once its leaves are there: the root of the perfect subtree
 * over leaves {@code [index · 2^level, (index + 1) · 2^level)}. Level 0 holds the leaves' own hashes. Every other hash
 * of a tree of any size is made from these: the ledger stores those above level 0, and a leaf's hash is its line's.
 */
public record TreeNode(int level, long index) {

    public TreeNode {
        if (level < 0 || level > 62 || index < 0) {
            throw new IllegalArgumentException("no such node: level " + level + ", index " + index);
        }
    }

    /** The ledger position whose line stores this node: the line of its last leaf, which completed it. */
    public long linePosition() {
        return (index + 1) << level; // the last leaf under it is this minus one, and positions count from 1
    }

    /**
     * Whether the line of this node keeps its hash in {@code tree_hashes}: every node but a leaf, whose hash its line
     * gives (the hash of the line's own text), so that storing it would only make the ledger bigger.
     */
    public boolean storedInLine() {
        return level > 0;
    }

    /** The positions of the lines that store {@code nodes}, each once. */
    public static Long[] linePositions(Collection<TreeNode> nodes) {
        return nodes.stream().map(TreeNode::linePosition).distinct().toArray(Long[]::new);
    }

    /**
     * What a stored line gives of the tree: its leaf's hash (made from the line itself, never stored) and
     * {@code tree_hashes}, the hashes of the inner nodes the line completed, 32 bytes each, level 1 first (none on a
     * line at an odd position).
     */
    public record StoredLine(byte[] leafHash, byte[] treeHashes) {

        /** The line as read back: {@code line} with its chain {@code hash} and its {@code tree_hashes}. */
        public static StoredLine of(LedgerLine line, String hash, byte[] treeHashes) {
            return new StoredLine(TreeHashes.leaf(line.leafBytes(hash)), treeHashes);
        }
    }

    /**
     * The hashes of {@code nodes} from the lines that store them, by position; a node whose line is not there is left
     * out.
     */
    public static Map<TreeNode, byte[]> hashesIn(Collection<TreeNode> nodes, Map<Long, StoredLine> lines) {
        Map<TreeNode, byte[]> hashes = new LinkedHashMap<>();
        for (TreeNode node : nodes) {
            StoredLine line = lines.get(node.linePosition());
            if (line == null) {
                continue;
            }
            if (!node.storedInLine()) {
                hashes.put(node, line.leafHash());
                continue;
            }
            int from = (node.level - 1) * TreeHashes.SIZE;
            if (line.treeHashes().length < from + TreeHashes.SIZE) {
                throw new IllegalStateException("the line at " + node.linePosition() + " does not store node " + node);
            }
            hashes.put(node, Arrays.copyOfRange(line.treeHashes(), from, from + TreeHashes.SIZE));
        }
        return hashes;
    }

    /**
     * The perfect subtrees a tree of {@code size} leaves is made of, left to right (the highest first): one for each
     * bit set in the size. Their hashes are all a tree needs to compute its root and to grow.
     */
    public static List<TreeNode> edgeOf(long size) {
        List<TreeNode> edge = new ArrayList<>(Long.bitCount(size));
        long start = 0;
        for (int level = 62; level >= 0; level--) {
            if ((size & (1L << level)) != 0) {
                edge.add(new TreeNode(level, start >> level));
                start += 1L << level;
            }
        }
        return edge;
    }
}
