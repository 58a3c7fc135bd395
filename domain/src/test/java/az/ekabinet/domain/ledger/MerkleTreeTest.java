package az.ekabinet.domain.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tree grown by {@link TreeEdge} and the proofs of {@link TreeProofs} against RFC 6962: the certificate
 * transparency test leaves and their roots, and RFC 6962's recursive definition of the tree hash written out here
 * for every size up to 70.
 */
class MerkleTreeTest {

    /** RFC 6962's test leaves (certificate-transparency's), and the root of the first 1…8 of them. */
    private static final byte[][] CT_LEAVES = {hex(""), hex("00"), hex("10"), hex("2021"), hex("3031"),
            hex("40414243"), hex("5051525354555657"), hex("606162636465666768696a6b6c6d6e6f")};
    private static final String[] CT_ROOTS = {
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

    @Test
    void theRootsOfTheCertificateTransparencyTestLeaves() {
        TreeEdge edge = TreeEdge.empty();
        assertThat(HexFormat.of().formatHex(edge.root()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        for (int i = 0; i < CT_LEAVES.length; i++) {
            edge.append(TreeHashes.leaf(CT_LEAVES[i]), (node, hash) -> { });
            assertThat(HexFormat.of().formatHex(edge.root())).as("root of %d leaves", i + 1).isEqualTo(CT_ROOTS[i]);
        }
    }

    @Test
    void theGrownTreeHasRfc6962sRootAndItsStoredNodesGiveTheSameRootAtEverySize() {
        Tree tree = new Tree(70);
        for (int size = 0; size <= 70; size++) {
            assertThat(TreeProofs.root(size, tree.stored::get)).as("root of %d", size).isEqualTo(tree.mth(0, size));
        }
        assertThat(tree.edge.root()).isEqualTo(tree.mth(0, 70));
        assertThat(tree.stored).hasSize(70 + 35 + 17 + 8 + 4 + 2 + 1); // every perfect subtree, stored once
    }

    @Test
    void anEdgeRestoredFromStoredNodesGrowsAsTheOriginal() {
        Tree tree = new Tree(45);
        for (int size : new int[] {0, 1, 13, 32, 44}) {
            List<byte[]> hashes = TreeNode.edgeOf(size).stream().map(tree.stored::get).toList();
            TreeEdge restored = TreeEdge.of(size, hashes);
            for (int leaf = size; leaf < 45; leaf++) {
                restored.append(tree.leaves.get(leaf), (node, hash) -> assertThat(hash).isEqualTo(tree.stored.get(node)));
            }
            assertThat(restored.root()).isEqualTo(tree.edge.root());
        }
    }

    @Test
    void everyInclusionProofVerifiesAndNoOtherLeafOrSizeOrRootPasses() throws Exception {
        Tree tree = new Tree(41);
        for (int size = 1; size <= 40; size++) {
            for (int leaf = 0; leaf < size; leaf++) {
                inclusionHoldsForItsLeafOnly(tree, leaf, size);
            }
        }
    }

    private static void inclusionHoldsForItsLeafOnly(Tree tree, int leaf, int size) throws Exception {
        byte[] root = tree.mth(0, size);
        List<byte[]> path = TreeProofs.inclusion(leaf, size, tree.stored::get);
        TreeProofs.verifyInclusion(leaf, size, tree.leaves.get(leaf), path, root);
        assertThat(TreeProofs.nodesForInclusion(leaf, size).size()).isLessThanOrEqualTo(2 * 6);
        int other = (leaf + 1) % size;
        if (other != leaf) {
            assertThatThrownBy(() -> TreeProofs.verifyInclusion(other, size, tree.leaves.get(leaf), path, root))
                    .isInstanceOf(TreeProofs.ProofFailure.class);
            assertThatThrownBy(() -> TreeProofs.verifyInclusion(leaf, size, tree.leaves.get(other), path, root))
                    .isInstanceOf(TreeProofs.ProofFailure.class);
        }
        assertThatThrownBy(() -> TreeProofs.verifyInclusion(leaf, size + 1, tree.leaves.get(leaf), path,
                tree.mth(0, size + 1))).isInstanceOf(TreeProofs.ProofFailure.class);
    }

    @Test
    void everyConsistencyProofVerifiesAndAForkDoesNot() throws Exception {
        Tree tree = new Tree(40);
        for (int to = 1; to <= 40; to++) {
            for (int from = 1; from <= to; from++) {
                List<byte[]> proof = TreeProofs.consistency(from, to, tree.stored::get);
                TreeProofs.verifyConsistency(from, to, tree.mth(0, from), tree.mth(0, to), proof);
                if (from < to) {
                    byte[] forked = tree.mth(0, from).clone();
                    forked[0] ^= 1;
                    int f = from;
                    int t = to;
                    assertThatThrownBy(() -> TreeProofs.verifyConsistency(f, t, forked, tree.mth(0, t), proof))
                            .isInstanceOf(TreeProofs.ProofFailure.class);
                    assertThatThrownBy(() -> TreeProofs.verifyConsistency(f, t, tree.mth(0, f), tree.mth(0, t - 1), proof))
                            .isInstanceOf(TreeProofs.ProofFailure.class);
                }
            }
        }
        assertThatThrownBy(() -> TreeProofs.verifyConsistency(7, 7, tree.mth(0, 7), tree.mth(0, 6), List.of()))
                .isInstanceOf(TreeProofs.ProofFailure.class).hasMessageContaining("same size");
    }

    @Test
    void aProofReadsLogarithmicallyManyNodesOfAHugeTree() {
        long size = 1_000_000_007L;
        assertThat(TreeProofs.nodesForInclusion(123_456_789L, size).size()).isLessThanOrEqualTo(2 * 30);
        assertThat(TreeProofs.nodesForConsistency(999_999_999L, size).size()).isLessThanOrEqualTo(2 * 30);
        assertThat(TreeProofs.nodesForRoot(size)).containsExactlyElementsOf(TreeNode.edgeOf(size));
    }

    /**
     * Every node of a tree read back from its lines as the ledger stores them (the inner nodes a line completed, in
     * the order the tree gave them, and no leaf: a line gives its own) is the node the tree made.
     */
    @Test
    void everyNodeIsReadBackFromTheLinesThatStoreIt() {
        Tree tree = new Tree(300);
        Map<Long, TreeNode.StoredLine> lines = new HashMap<>();
        TreeEdge regrown = TreeEdge.empty();
        for (int i = 0; i < tree.leaves.size(); i++) {
            ByteArrayOutputStream stored = new ByteArrayOutputStream();
            regrown.append(tree.leaves.get(i), (node, hash) -> {
                if (node.storedInLine()) {
                    stored.writeBytes(hash);
                }
            });
            lines.put(i + 1L, new TreeNode.StoredLine(tree.leaves.get(i), stored.toByteArray()));
        }
        assertThat(lines.get(1L).treeHashes()).as("an odd line completes no inner node").isEmpty();
        assertThat(lines.get(256L).treeHashes()).as("the 256th completes levels 1 to 8").hasSize(8 * TreeHashes.SIZE);

        Map<TreeNode, byte[]> read = TreeNode.hashesIn(tree.stored.keySet(), lines);

        assertThat(read).hasSameSizeAs(tree.stored);
        tree.stored.forEach((node, hash) -> assertThat(read.get(node)).as(node.toString()).isEqualTo(hash));
        assertThat(TreeNode.hashesIn(List.of(new TreeNode(1, 150)), lines)).as("a line not there yet").isEmpty();
    }

    /** Leaves "0", "1", … grown into a tree, every stored node kept, and RFC 6962's MTH written out. */
    private static final class Tree {
        final List<byte[]> leaves = new ArrayList<>();
        final Map<TreeNode, byte[]> stored = new HashMap<>();
        final TreeEdge edge = TreeEdge.empty();

        Tree(int size) {
            for (int i = 0; i < size; i++) {
                byte[] leaf = TreeHashes.leaf(Integer.toString(i).getBytes(StandardCharsets.UTF_8));
                leaves.add(leaf);
                edge.append(leaf, (node, hash) -> assertThat(stored.put(node, hash)).as("stored once").isNull());
            }
        }

        /** RFC 6962 §2.1: MTH(D[lo:hi]), split at the largest power of two smaller than its length. */
        byte[] mth(int lo, int hi) {
            if (hi == lo) {
                return TreeHashes.empty();
            }
            if (hi - lo == 1) {
                return leaves.get(lo);
            }
            int k = 1;
            while (k * 2 < hi - lo) {
                k *= 2;
            }
            return TreeHashes.node(mth(lo, lo + k), mth(lo + k, hi));
        }
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
