package az.ekabinet.domain.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Checkpoints written and read back, signed as C2SP notes and opened only with the right key. */
class SignedCheckpointTest {

    private static final byte[] ROOT = TreeHashes.leaf(new byte[] {42});

    @Test
    void aCheckpointIsItsOriginSizeAndBase64RootEachOnALine() {
        Checkpoint checkpoint = new Checkpoint("ekabinet.example/ledger", 12, ROOT);
        assertThat(checkpoint.body()).isEqualTo("ekabinet.example/ledger\n12\n"
                + Base64.getEncoder().encodeToString(ROOT) + "\n");
        Checkpoint read = Checkpoint.parse(checkpoint.body() + "an extension line\n");
        assertThat(read.origin()).isEqualTo("ekabinet.example/ledger");
        assertThat(read.size()).isEqualTo(12);
        assertThat(read.rootHash()).isEqualTo(ROOT);
        assertThatThrownBy(() -> Checkpoint.parse("origin\n012\n" + Base64.getEncoder().encodeToString(ROOT) + "\n"))
                .hasMessageContaining("decimal");
        assertThatThrownBy(() -> Checkpoint.parse("origin\n12\nAAAA\n")).hasMessageContaining("32-byte");
        assertThatThrownBy(() -> Checkpoint.parse("origin\n12\n")).hasMessageContaining("each on its line");
    }

    @Test
    void aSignedNoteOpensWithItsKeyAndTheKeysRoundTrip() {
        NoteSigner signer = NoteSigner.generate("ekabinet.example/ledger");
        String note = signer.sign(new Checkpoint("ekabinet.example/ledger", 3, ROOT).body());
        assertThat(note).matches("(?s)ekabinet.example/ledger\n3\n.+\n\n\u2014 ekabinet.example/ledger [A-Za-z0-9+/]{91}=\n");

        NoteVerifier verifier = NoteVerifier.parse(signer.verifierKey());
        assertThat(Checkpoint.parse(verifier.open(note)).size()).isEqualTo(3);
        NoteSigner again = NoteSigner.parse(signer.signerKey());
        assertThat(again.verifierKey()).isEqualTo(signer.verifierKey());
        assertThat(again.sign("same text\n")).isEqualTo(signer.sign("same text\n")); // Ed25519 is deterministic
        assertThat(signer.verifierKey()).matches("ekabinet.example/ledger\\+[0-9a-f]{8}\\+[A-Za-z0-9+/]{44}");
    }

    @Test
    void aNoteAlteredOrSignedByAnotherKeyDoesNotOpen() {
        NoteSigner signer = NoteSigner.generate("ekabinet.example/ledger");
        NoteVerifier verifier = NoteVerifier.parse(signer.verifierKey());
        String note = signer.sign("ekabinet.example/ledger\n3\n" + Base64.getEncoder().encodeToString(ROOT) + "\n");

        assertThatThrownBy(() -> verifier.open(note.replaceFirst("\n3\n", "\n4\n"))).hasMessageContaining("does not verify");
        String byAnother = NoteSigner.generate("ekabinet.example/ledger").sign("ekabinet.example/ledger\n3\n"
                + Base64.getEncoder().encodeToString(ROOT) + "\n");
        assertThatThrownBy(() -> verifier.open(byAnother)).hasMessageContaining("another key");
        String otherName = NoteSigner.generate("someone.else/log").sign("text\n");
        assertThatThrownBy(() -> verifier.open(otherName)).hasMessageContaining("another key");
        assertThatThrownBy(() -> verifier.open("text without signatures\n")).hasMessageContaining("blank line");
        // a second signature by another key is ignored, as the format asks
        String cosigned = note + byAnother.substring(byAnother.lastIndexOf("\n\n") + 2);
        assertThat(verifier.open(cosigned)).isEqualTo(note.substring(0, note.lastIndexOf("\n\n") + 1));
    }

    @Test
    void keysThatAreNotKeysAreRefused() {
        String verifierKey = NoteSigner.generate("log").verifierKey();
        assertThatThrownBy(() -> NoteVerifier.parse("log+00000000+" + verifierKey.split("\\+", 3)[2]))
                .hasMessageContaining("id does not match");
        assertThatThrownBy(() -> NoteVerifier.parse("log+abc")).hasMessageContaining("reads");
        assertThatThrownBy(() -> NoteSigner.parse(verifierKey)).hasMessageContaining("PRIVATE+KEY");
        assertThatThrownBy(() -> NoteSigner.generate("two words")).hasMessageContaining("spaces");
    }
}
