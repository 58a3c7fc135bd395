package az.ekabinet.domain.ledger.verifier;

import az.ekabinet.domain.ledger.NoteSigner;

/**
 * Makes a new key to sign the ledger's checkpoints ({@code config/audit/ledger new-key <origin>}): prints the signer
 * key, a secret for {@code ekabinet.ledger.signing-key}, and the verifier key to publish (docs/audit.md, "Keys").
 */
public final class NewSigningKey {

    private NewSigningKey() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: new-key <origin, e.g. ekabinet.dim.az/ledger>");
            System.exit(2);
        }
        NoteSigner key = NoteSigner.generate(args[0]);
        System.out.println("signing key (secret: ekabinet.ledger.signing-key): " + key.signerKey());
        System.out.println("verifier key (public):                           " + key.verifierKey());
    }
}
