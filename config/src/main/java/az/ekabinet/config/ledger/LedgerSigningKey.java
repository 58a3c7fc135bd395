package az.ekabinet.config.ledger;

import az.ekabinet.domain.ledger.NoteSigner;
import az.ekabinet.config.security.ProductionSafetyCheck;
import az.ekabinet.projection.ledger.LedgerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The key that signs the ledger's checkpoints: {@code ekabinet.ledger.signing-key} when set. Without it the demo
 * profile makes one at its first start and keeps it in the database, one for all nodes (whichever node stores
 * first, every node then reads the same key); any other profile refuses to start, since a key made up on the spot
 * would sign checkpoints nobody can check against a published key.
 */
@Configuration(proxyBeanMethods = false)
public class LedgerSigningKey {

    private static final Logger log = LoggerFactory.getLogger(LedgerSigningKey.class);

    @Bean
    public NoteSigner ledgerSigner(LedgerSettings settings, JdbcTemplate jdbc, Environment environment,
                                   ObjectProvider<ProductionSafetyCheck> productionCheck) {
        productionCheck.getIfAvailable(); // in production its refusal lists every missing setting, this one included
        if (settings.signingKey() != null && !settings.signingKey().isBlank()) {
            try {
                return NoteSigner.parse(settings.signingKey());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("ekabinet.ledger.signing-key is not a note signer key: " + e.getMessage());
            }
        }
        if (!environment.acceptsProfiles(Profiles.of("demo"))) {
            throw new IllegalStateException("ekabinet.ledger.signing-key (EKABINET_LEDGER_SIGNING_KEY) must be set: the "
                    + "ledger's checkpoints are signed with it (docs/audit.md says how to make one)");
        }
        String origin = settings.demoOrigin();
        jdbc.update("""
                INSERT INTO command.ledger_demo_signing_key (origin, signer_key, created_at) VALUES (?, ?, now())
                ON CONFLICT (origin) DO NOTHING""", origin, NoteSigner.generate(origin).signerKey());
        NoteSigner signer = NoteSigner.parse(jdbc.queryForObject(
                "SELECT signer_key FROM command.ledger_demo_signing_key WHERE origin = ?", String.class, origin));
        log.info("The demo profile signs the ledger's checkpoints with its own key; verifier key: {}",
                signer.verifierKey());
        return signer;
    }
}
