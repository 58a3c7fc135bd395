package az.ekabinet.domain.ledger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * RFC 6962's audit paths over the ledger's Merkle tree: making them from the stored nodes ({@link TreeNode}), and
 * checking them with nothing but the hashes (the algorithms of RFC 9162 §2.1.3.2 and §2.1.4.2, which verify the same
 * proofs). Leaves are numbered from 0; the ledger's line at position p is leaf p − 1.
 *
 * <p>Every hash a proof needs is the root of a range of leaves that either is a stored node or ends at the tree's
 * size and is made of at most log n stored nodes, so a proof reads O(log n) nodes. {@link #nodesForInclusion} and
 * {@link #nodesForConsistency} say which, so that a caller can read them in one query before making the proof.
 */
public final class TreeProofs {

    /** Where the stored nodes' hashes come from. */
    @FunctionalInterface
    public interface Nodes {
        byte[] hash(TreeNode node);
    }

    /** A proof that does not hold, and why. */
    public static final class ProofFailure extends Exception {
        public ProofFailure(String message) {
            super(message);
        }
    }

    private TreeProofs() {
    }

    /** The audit path of leaf {@code leaf} in the tree of the first {@code size} leaves (RFC 6962 §2.1.1). */
    public static List<byte[]> inclusion(long leaf, long size, Nodes nodes) {
        if (leaf < 0 || leaf >= size) {
            throw new IllegalArgumentException("leaf " + leaf + " is not in a tree of " + size);
        }
        List<byte[]> path = new ArrayList<>();
        long lo = 0;
        long hi = size;
        List<byte[]> reversed = new ArrayList<>();
        while (hi - lo > 1) {
            long k = largestPowerOfTwoBelow(hi - lo);
            if (leaf < lo + k) {
                reversed.add(rangeHash(lo + k, hi, nodes));
                hi = lo + k;
            } else {
                reversed.add(rangeHash(lo, lo + k, nodes));
                lo = lo + k;
            }
        }
        for (int i = reversed.size() - 1; i >= 0; i--) {
            path.add(reversed.get(i));
        }
        return path;
    }

    /** The proof that the tree of {@code from} leaves is a prefix of the tree of {@code to} (RFC 6962 §2.1.2). */
    public static List<byte[]> consistency(long from, long to, Nodes nodes) {
        if (from < 1 || from > to) {
            throw new IllegalArgumentException("no consistency proof from " + from + " to " + to);
        }
        List<byte[]> reversed = new ArrayList<>();
        long lo = 0;
        long hi = to;
        boolean whole = true; // SUBPROOF's b: the range is still the old tree's whole left part
        while (from != hi) {
            long k = largestPowerOfTwoBelow(hi - lo);
            if (from <= lo + k) {
                reversed.add(rangeHash(lo + k, hi, nodes));
                hi = lo + k;
            } else {
                reversed.add(rangeHash(lo, lo + k, nodes));
                lo = lo + k;
                whole = false;
            }
        }
        if (!whole) {
            reversed.add(rangeHash(lo, hi, nodes));
        }
        List<byte[]> proof = new ArrayList<>(reversed.size());
        for (int i = reversed.size() - 1; i >= 0; i--) {
            proof.add(reversed.get(i));
        }
        return proof;
    }

    /** The root of the tree of the first {@code size} leaves. */
    public static byte[] root(long size, Nodes nodes) {
        return size == 0 ? TreeHashes.empty() : rangeHash(0, size, nodes);
    }

    /** The stored nodes {@link #inclusion} reads. */
    public static Set<TreeNode> nodesForInclusion(long leaf, long size) {
        Recorder recorder = new Recorder();
        inclusion(leaf, size, recorder);
        return recorder.read;
    }

    /** The stored nodes {@link #consistency} reads. */
    public static Set<TreeNode> nodesForConsistency(long from, long to) {
        Recorder recorder = new Recorder();
        consistency(from, to, recorder);
        return recorder.read;
    }

    /** The stored nodes {@link #root} reads. */
    public static Set<TreeNode> nodesForRoot(long size) {
        Recorder recorder = new Recorder();
        root(size, recorder);
        return recorder.read;
    }

    /** Checks that {@code leafHash} is leaf {@code leaf} of the tree of {@code size} leaves with {@code root}. */
    public static void verifyInclusion(long leaf, long size, byte[] leafHash, List<byte[]> path, byte[] root)
            throws ProofFailure {
        if (leaf < 0 || leaf >= size) {
            throw new ProofFailure("leaf " + leaf + " is not in a tree of " + size);
        }
        long fn = leaf;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                throw new ProofFailure("the inclusion proof is longer than the tree is deep");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = TreeHashes.node(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = TreeHashes.node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) {
            throw new ProofFailure("the inclusion proof is shorter than the tree is deep");
        }
        if (!Arrays.equals(r, root)) {
            throw new ProofFailure("the inclusion proof does not lead to the root");
        }
    }

    /** Checks that the tree of {@code from} leaves with {@code fromRoot} is a prefix of the one of {@code to}. */
    public static void verifyConsistency(long from, long to, byte[] fromRoot, byte[] toRoot, List<byte[]> proof)
            throws ProofFailure {
        if (from < 1 || from > to) {
            throw new ProofFailure("no consistency proof from " + from + " to " + to);
        }
        if (from == to) {
            if (!proof.isEmpty() || !Arrays.equals(fromRoot, toRoot)) {
                throw new ProofFailure("two trees of the same size with different roots");
            }
            return;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(from) == 1) {
            path.add(0, fromRoot);
        }
        if (path.isEmpty()) {
            throw new ProofFailure("the consistency proof is empty");
        }
        long fn = from - 1;
        long sn = to - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                throw new ProofFailure("the consistency proof is longer than the tree is deep");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = TreeHashes.node(c, fr);
                sr = TreeHashes.node(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = TreeHashes.node(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) {
            throw new ProofFailure("the consistency proof is shorter than the trees are deep");
        }
        if (!Arrays.equals(fr, fromRoot)) {
            throw new ProofFailure("the consistency proof does not lead to the older root");
        }
        if (!Arrays.equals(sr, toRoot)) {
            throw new ProofFailure("the consistency proof does not lead to the newer root");
        }
    }

    /**
     * RFC 6962's MTH of leaves {@code [lo, hi)}: a stored node when the range is one, otherwise split at the largest
     * power of two below its length, as the RFC defines it.
     */
    private static byte[] rangeHash(long lo, long hi, Nodes nodes) {
        long length = hi - lo;
        if (Long.bitCount(length) == 1 && lo % length == 0) {
            return nodes.hash(new TreeNode(Long.numberOfTrailingZeros(length), lo / length));
        }
        long k = largestPowerOfTwoBelow(length);
        return TreeHashes.node(rangeHash(lo, lo + k, nodes), rangeHash(lo + k, hi, nodes));
    }

    /** The largest power of two strictly below {@code n} (n ≥ 2). */
    private static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    /** Notes the nodes a proof reads (answering zeros), so that they can be read at once. */
    private static final class Recorder implements Nodes {
        private final Set<TreeNode> read = new LinkedHashSet<>();

        @Override
        public byte[] hash(TreeNode node) {
            read.add(node);
            return new byte[TreeHashes.SIZE];
        }
    }
}
