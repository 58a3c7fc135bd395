package az.ekabinet.domain.ledger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A node of the ledger's Merkle tree that never changes once its leaves are there: the root of the perfect subtree
 * over leaves {@code [index · 2^level, (index + 1) · 2^level)}. Level 0 holds the leaves' own hashes. These are the
 * nodes the ledger stores; every other hash of a tree of any size is made from them.
 */
public record TreeNode(int level, long index) {

    public TreeNode {
        if (level < 0 || level > 62 || index < 0) {
            throw new IllegalArgumentException("no such node: level " + level + ", index " + index);
        }
    }

    /** The first leaf under this node. */
    public long firstLeaf() {
        return index << level;
    }

    /** The leaf whose ledger line stores this node: the last one under it, which completed it. */
    public long lastLeaf() {
        return ((index + 1) << level) - 1;
    }

    /**
     * This node's hash among those the line of its {@link #lastLeaf()} stores: the hashes of the nodes that line
     * completed, 32 bytes each, its leaf (level 0) first.
     */
    public byte[] hashIn(byte[] lineTreeHashes) {
        int from = level * TreeHashes.SIZE;
        if (lineTreeHashes.length < from + TreeHashes.SIZE) {
            throw new IllegalStateException("the line of leaf " + lastLeaf() + " does not store node " + this);
        }
        return Arrays.copyOfRange(lineTreeHashes, from, from + TreeHashes.SIZE);
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
