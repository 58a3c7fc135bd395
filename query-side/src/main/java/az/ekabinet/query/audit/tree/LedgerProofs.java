package az.ekabinet.query.audit.tree;

import az.ekabinet.domain.ledger.TreeNode;
import az.ekabinet.domain.ledger.TreeProofs;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * RFC 6962 proofs over the ledger's tree ({@link TreeProofs}) from the nodes it stores, each made from one read of
 * its O(log n) nodes; hashes in standard base64, as the checkpoints write the root.
 */
@Component
public class LedgerProofs {

    private final TreeReads tree;

    public LedgerProofs(TreeReads tree) {
        this.tree = tree;
    }

    /** The audit path of the line at {@code position} in the tree of the first {@code treeSize} lines. */
    public Mono<List<String>> inclusion(long position, long treeSize) {
        long leaf = position - 1;
        return nodesOfTree(TreeProofs.nodesForInclusion(leaf, treeSize), treeSize)
                .map(nodes -> base64(TreeProofs.inclusion(leaf, treeSize, nodes::get)));
    }

    /** The proof that the tree of {@code from} lines is a prefix of the tree of {@code to} lines. */
    public Mono<List<String>> consistency(long from, long to) {
        return nodesOfTree(TreeProofs.nodesForConsistency(from, to), to)
                .map(nodes -> base64(TreeProofs.consistency(from, to, nodes::get)));
    }

    /**
     * The nodes a proof over the tree of {@code treeSize} lines needs; TREE_SIZE_NOT_REACHED if the ledger is smaller.
     * A proof that needs any node needs one over the tree's last leaf, so reading its nodes tells whether the tree is
     * there; only a proof with none (a tree of one line, or two equal sizes) asks the ledger's size.
     */
    private Mono<Map<TreeNode, byte[]>> nodesOfTree(Set<TreeNode> needed, long treeSize) {
        if (!needed.isEmpty()) {
            return tree.nodes(needed);
        }
        return tree.size().flatMap(size -> size >= treeSize ? Mono.just(Map.<TreeNode, byte[]>of())
                : Mono.error(new DomainException(ErrorCode.TREE_SIZE_NOT_REACHED)));
    }

    private static List<String> base64(List<byte[]> hashes) {
        return hashes.stream().map(Base64.getEncoder()::encodeToString).toList();
    }
}
