package az.ekabinet.domain.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * The right edge of the ledger's Merkle tree: the hashes of the perfect subtrees a tree of {@link #size()} leaves is
 * made of ({@link TreeNode#edgeOf}), at most one per bit of the size. That is all the tree needs to grow by a leaf
 * and to give its root, in O(log n) hashes whatever its size.
 */
public final class TreeEdge {

    /** A node just completed by an append, to be stored. */
    public interface NewNode {
        void stored(TreeNode node, byte[] hash);
    }

    private record Subtree(int level, byte[] hash) {
    }

    private final List<Subtree> subtrees = new ArrayList<>();
    private long size;

    private TreeEdge() {
    }

    public static TreeEdge empty() {
        return new TreeEdge();
    }

    /**
     * The edge of a tree of {@code size} leaves, given the hashes of {@link TreeNode#edgeOf edgeOf(size)} in that
     * order.
     */
    public static TreeEdge of(long size, List<byte[]> edgeHashes) {
        List<TreeNode> nodes = TreeNode.edgeOf(size);
        if (nodes.size() != edgeHashes.size()) {
            throw new IllegalArgumentException("a tree of " + size + " leaves has " + nodes.size()
                    + " subtrees on its edge, not " + edgeHashes.size());
        }
        TreeEdge edge = new TreeEdge();
        for (int i = 0; i < nodes.size(); i++) {
            edge.subtrees.add(new Subtree(nodes.get(i).level(), edgeHashes.get(i).clone()));
        }
        edge.size = size;
        return edge;
    }

    public long size() {
        return size;
    }

    /**
     * Adds the next leaf; {@code stored} hears the leaf's node and every node it completes, lowest first (on
     * average two per leaf).
     */
    public void append(byte[] leafHash, NewNode stored) {
        long index = size;
        int level = 0;
        byte[] hash = leafHash;
        stored.stored(new TreeNode(0, index), hash);
        while (!subtrees.isEmpty() && subtrees.get(subtrees.size() - 1).level() == level) {
            byte[] left = subtrees.remove(subtrees.size() - 1).hash();
            hash = TreeHashes.node(left, hash);
            level++;
            index >>= 1;
            stored.stored(new TreeNode(level, index), hash);
        }
        subtrees.add(new Subtree(level, hash));
        size++;
    }

    /** The tree's root hash (RFC 6962's MTH): the edge folded from the right. */
    public byte[] root() {
        if (subtrees.isEmpty()) {
            return TreeHashes.empty();
        }
        byte[] root = subtrees.get(subtrees.size() - 1).hash();
        for (int i = subtrees.size() - 2; i >= 0; i--) {
            root = TreeHashes.node(subtrees.get(i).hash(), root);
        }
        return root;
    }
}
