package az.ekabinet.projection.ledger;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ekabinet.ledger.*}: how the ledger's Merkle tree is signed (docs/configuration.md, docs/audit.md).
 *
 * @param signingKey         the checkpoints' Ed25519 key as a note signer key ({@code PRIVATE+KEY+<origin>+…}); its
 *                           name is the checkpoints' origin. Required outside the demo profile, which makes its own
 * @param demoOrigin         the origin of the key the demo profile makes
 * @param checkpointLines    a checkpoint is signed once this many lines were added since the last one…
 * @param checkpointInterval …or, checked this often, whenever any line was added since the last one
 */
@ConfigurationProperties("ekabinet.ledger")
public record LedgerSettings(String signingKey, @DefaultValue("ekabinet.demo/ledger") String demoOrigin,
                             @DefaultValue("1000") int checkpointLines,
                             @DefaultValue("10s") Duration checkpointInterval) {

    public LedgerSettings {
        if (checkpointLines < 1 || checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("ekabinet.ledger.checkpoint-lines and checkpoint-interval must be positive");
        }
    }
}
