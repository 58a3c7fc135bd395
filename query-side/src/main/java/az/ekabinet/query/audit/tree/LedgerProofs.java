package az.ekabinet.query.audit.tree;

import az.ekabinet.domain.ledger.TreeProofs;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import java.util.Base64;
import java.util.List;
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
        return reached(treeSize).then(tree.nodes(TreeProofs.nodesForInclusion(leaf, treeSize)))
                .map(nodes -> base64(TreeProofs.inclusion(leaf, treeSize, nodes::get)));
    }

    /** The proof that the tree of {@code from} lines is a prefix of the tree of {@code to} lines. */
    public Mono<List<String>> consistency(long from, long to) {
        return reached(to).then(tree.nodes(TreeProofs.nodesForConsistency(from, to)))
                .map(nodes -> base64(TreeProofs.consistency(from, to, nodes::get)));
    }

    /** Refuses with TREE_SIZE_NOT_REACHED a size beyond the ledger's. */
    private Mono<Void> reached(long treeSize) {
        return tree.size().flatMap(size -> size >= treeSize ? Mono.empty()
                : Mono.error(new DomainException(ErrorCode.TREE_SIZE_NOT_REACHED)));
    }

    private static List<String> base64(List<byte[]> hashes) {
        return hashes.stream().map(Base64.getEncoder()::encodeToString).toList();
    }
}
