package az.ekabinet.query.audit.tree;

import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.FieldValidation;
import az.ekabinet.domain.shared.InvalidValueException;
import az.ekabinet.domain.shared.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * GET /api/audit/proofs/inclusion and /consistency (public: hashes only): RFC 6962 audit paths over the ledger's
 * Merkle tree, for any tree size the ledger has reached (a signed checkpoint's, usually).
 */
@RestController
@Tag(name = "audit")
public class ProofEndpoint {

    public static final String POSITIVE_RULE = "POSITIVE_WHOLE_NUMBER";
    public static final String RANGE_RULE = "PROOF_RANGE";

    private static final String SIZE_PATTERN = "^[1-9][0-9]{0,17}$";

    private final LedgerProofs proofs;

    public ProofEndpoint(LedgerProofs proofs) {
        this.proofs = proofs;
    }

    @Schema(name = "InclusionProof", description = "RFC 6962 audit path of the line at position (leaf position − 1) "
            + "in the tree of the first treeSize lines; hashes in standard base64, nearest the leaf first")
    public record InclusionProof(long position, long leafIndex, long treeSize, List<String> hashes) {
    }

    @Schema(name = "ConsistencyProof", description = "RFC 6962 proof that the tree of the first `from` lines is a "
            + "prefix of the tree of the first `to` lines; hashes in standard base64")
    public record ConsistencyProof(long from, long to, List<String> hashes) {
    }

    @Operation(operationId = "proveInclusion", summary = "Proof that a ledger line is in the tree of a given size",
            description = "Public. Verify with the line's leaf hash (docs/audit.md) and the root of a signed checkpoint "
                    + "of that size.")
    @ApiResponse(responseCode = "200", description = "The audit path")
    @Refuses(ErrorCode.TREE_SIZE_NOT_REACHED)
    @GetMapping(path = "/api/audit/proofs/inclusion", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<InclusionProof> inclusion(
            @Parameter(required = true, schema = @Schema(pattern = SIZE_PATTERN), description = "The line's position")
            @RequestParam(required = false) String position,
            @Parameter(required = true, schema = @Schema(pattern = SIZE_PATTERN), description = "The tree's size")
            @RequestParam(required = false) String treeSize) {
        var v = new FieldValidation();
        Long line = v.parse("position", position, ProofEndpoint::positive);
        Long size = v.parse("treeSize", treeSize, ProofEndpoint::positive);
        if (line != null && size != null && line > size) {
            v.reject("position", RANGE_RULE);
        }
        v.throwIfInvalid();
        return proofs.inclusion(line, size).map(hashes -> new InclusionProof(line, line - 1, size, hashes));
    }

    @Operation(operationId = "proveConsistency", summary = "Proof that the ledger's tree of one size extends the "
            + "tree of a smaller size", description = "Public. Verify with the roots of two signed checkpoints.")
    @ApiResponse(responseCode = "200", description = "The consistency proof")
    @Refuses(ErrorCode.TREE_SIZE_NOT_REACHED)
    @GetMapping(path = "/api/audit/proofs/consistency", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ConsistencyProof> consistency(
            @Parameter(required = true, schema = @Schema(pattern = SIZE_PATTERN), description = "The older tree size")
            @RequestParam(required = false) String from,
            @Parameter(required = true, schema = @Schema(pattern = SIZE_PATTERN), description = "The newer tree size")
            @RequestParam(required = false) String to) {
        var v = new FieldValidation();
        Long older = v.parse("from", from, ProofEndpoint::positive);
        Long newer = v.parse("to", to, ProofEndpoint::positive);
        if (older != null && newer != null && older > newer) {
            v.reject("from", RANGE_RULE);
        }
        v.throwIfInvalid();
        return proofs.consistency(older, newer).map(hashes -> new ConsistencyProof(older, newer, hashes));
    }

    /** A tree size or a position: a positive whole number. */
    public static long positive(String text) {
        if (!text.matches("[1-9][0-9]{0,17}")) {
            throw new InvalidValueException(POSITIVE_RULE);
        }
        return Long.parseLong(text);
    }
}
