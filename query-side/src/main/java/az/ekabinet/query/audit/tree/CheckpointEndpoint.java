package az.ekabinet.query.audit.tree;

import az.ekabinet.domain.ledger.NoteSigner;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.FieldValidation;
import az.ekabinet.domain.shared.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The ledger's signed checkpoints and the key to check them, public (anyone may keep copies, and should: a copy
 * kept is what makes a later, different tree of the same size a provable fork). Served as the C2SP signed note
 * itself, {@code text/plain; charset=utf-8}.
 */
@RestController
@Tag(name = "audit")
public class CheckpointEndpoint {

    private static final String NOTE = "text/plain;charset=UTF-8";

    private final TreeReads tree;
    private final NoteSigner signer;

    public CheckpointEndpoint(TreeReads tree, NoteSigner ledgerSigner) {
        this.tree = tree;
        this.signer = ledgerSigner;
    }

    @Operation(operationId = "getLatestCheckpoint", summary = "The ledger's latest signed checkpoint",
            description = "Public. A C2SP tlog-checkpoint (origin, tree size, base64 root hash) in a C2SP signed note "
                    + "signed with the key at /api/audit/checkpoint/key.")
    @ApiResponse(responseCode = "200", description = "The signed note",
            content = @Content(mediaType = MediaType.TEXT_PLAIN_VALUE, schema = @Schema(type = "string")))
    @Refuses(ErrorCode.CHECKPOINT_NOT_FOUND)
    @GetMapping(path = "/api/audit/checkpoint", produces = NOTE)
    public Mono<String> latest() {
        return tree.latest().map(TreeReads.SignedCheckpoint::note).switchIfEmpty(notFound());
    }

    @Operation(operationId = "getCheckpoint", summary = "The first signed checkpoint whose tree has at least `size` "
            + "lines", description = "Public. For a receipt of line p, size=p gives the first checkpoint that covers it.")
    @ApiResponse(responseCode = "200", description = "The signed note",
            content = @Content(mediaType = MediaType.TEXT_PLAIN_VALUE, schema = @Schema(type = "string")))
    @Refuses(ErrorCode.CHECKPOINT_NOT_FOUND)
    @GetMapping(path = "/api/audit/checkpoints", produces = NOTE)
    public Mono<String> covering(
            @Parameter(required = true, schema = @Schema(pattern = "^[1-9][0-9]{0,17}$"), description = "Tree size")
            @RequestParam(required = false) String size) {
        var v = new FieldValidation();
        Long atLeast = v.parse("size", size, ProofEndpoint::positive);
        v.throwIfInvalid();
        return tree.covering(atLeast).map(TreeReads.SignedCheckpoint::note).switchIfEmpty(notFound());
    }

    @Operation(operationId = "getCheckpointKey", summary = "The public key that signs the checkpoints",
            description = "Public. A note verifier key: <origin>+<key id, 8 hex digits>+<base64 of 0x01 and the "
                    + "Ed25519 public key>, as golang.org/x/mod/sumdb/note reads it.")
    @ApiResponse(responseCode = "200", description = "The verifier key and a newline",
            content = @Content(mediaType = MediaType.TEXT_PLAIN_VALUE, schema = @Schema(type = "string")))
    @GetMapping(path = "/api/audit/checkpoint/key", produces = NOTE)
    public Mono<String> key() {
        return Mono.just(signer.verifierKey() + "\n");
    }

    private static Mono<String> notFound() {
        return Mono.error(() -> new DomainException(ErrorCode.CHECKPOINT_NOT_FOUND));
    }
}
