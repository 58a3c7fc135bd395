package az.ekabinet.domain.ledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The offline verifier over the test vectors in {@code ledger-vectors} (docs/audit.md lists them): the good set
 * verifies whole, and each adversarial file fails with the first bad position or file named.
 */
class LedgerVerifierTest {

    private static final String[] GOOD = {"--ledger", "ledger.ndjson", "--checkpoint", "checkpoint-16.txt",
            "--checkpoint", "checkpoint-33.txt", "--checkpoint", "checkpoint-40.txt", "--receipt", "receipt-5.json",
            "--receipt", "receipt-37.json", "--consistency", "consistency-16-40.json", "--consistency",
            "consistency-33-40.json"};

    @Test
    void theGoodVectorsVerifyWhole() {
        Run run = verify(GOOD);
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("40 lines, chain and balances of 3 cabinets verified, Merkle root matches "
                + "3 checkpoint(s)", "(position 5): included in the signed tree of 16 lines",
                "(position 37): included in the signed tree of 40 lines", "(16 → 40): the larger tree extends the smaller",
                "VERIFIED");
    }

    @Test
    void anAlteredAmountFailsAtItsLine() {
        assertFails(verify("--ledger", "bad-altered-amount.ndjson", "--checkpoint", "checkpoint-40.txt"),
                "FAILED at position 7: the line's hash does not match");
    }

    @Test
    void aReorderedPairFailsAtTheFirstOfThem() {
        assertFails(verify("--ledger", "bad-reordered-pair.ndjson"), "FAILED at position 10: the export has line 11");
    }

    @Test
    void aLineRemovedFromTheMiddleFailsWhereItIsMissing() {
        assertFails(verify("--ledger", "bad-line-removed.ndjson"), "FAILED at position 20: the export has line 21");
    }

    @Test
    void aTruncatedExportFailsAgainstTheCheckpointThatSignsMore() {
        assertFails(verify("--ledger", "bad-truncated.ndjson", "--checkpoint", "checkpoint-40.txt"),
                "FAILED at position 36: the export ends after 35 lines, but a checkpoint signs 40");
        // without the checkpoint, nothing tells a short export from an early one
        assertThat(verify("--ledger", "bad-truncated.ndjson").exit()).isZero();
    }

    @Test
    void twoCheckpointsOfOneSizeWithDifferentRootsAreAFork() {
        assertFails(verify("--checkpoint", "checkpoint-40.txt", "--checkpoint", "bad-checkpoint-40-fork.txt"),
                "FAILED at checkpoint", "bad-checkpoint-40-fork.txt: a fork: two signed checkpoints of tree size 40");
    }

    @Test
    void aForkedCheckpointAloneDisagreesWithTheLedger() {
        assertFails(verify("--ledger", "ledger.ndjson", "--checkpoint", "bad-checkpoint-40-fork.txt"),
                "FAILED at position 40: the Merkle root of the first 40 lines is not the signed checkpoint's");
    }

    @Test
    void aCheckpointSignedByAnotherKeyOrForAnotherOriginIsRefused() {
        assertFails(verify("--checkpoint", "bad-checkpoint-40-other-key.txt"),
                "bad-checkpoint-40-other-key.txt: the note is not signed by ekabinet.example/ledger");
        assertFails(verify("--checkpoint", "bad-checkpoint-40-other-origin.txt"),
                "bad-checkpoint-40-other-origin.txt: a checkpoint for another origin (someone.else/ledger)");
    }

    @Test
    void aProofForAnotherPositionDoesNotProveTheLine() {
        assertFails(verify("--receipt", "bad-receipt-proof-for-another-position.json"),
                "FAILED at receipt", "(position 5): the proof is for leaf 5, not for this line's (4)");
    }

    @Test
    void aReceiptWhoseLineTheExportDoesNotHoldFails() {
        assertFails(verify("--ledger", "bad-altered-amount.ndjson", "--receipt", "receipt-37.json"),
                "FAILED at position 7");
    }

    @Test
    void withoutAKeyOrWithUnknownArgumentsItSaysHowToUseIt() {
        assertThat(verify().exit()).isEqualTo(LedgerVerifier.UNUSABLE);
        Run unknown = run(new String[] {"--key", "x", "--frobnicate", "y"});
        assertThat(unknown.exit()).isEqualTo(LedgerVerifier.UNUSABLE);
        assertThat(unknown.output()).contains("usage: config/audit/ledger verify");
    }

    private static void assertFails(Run run, String... expected) {
        assertThat(run.exit()).as(run.output()).isEqualTo(LedgerVerifier.REJECTED);
        assertThat(run.output()).contains(expected).doesNotContain("VERIFIED");
    }

    /** The verifier with the vectors' key and these arguments, file names resolved in the vectors' directory. */
    private static Run verify(String... args) {
        List<String> all = new ArrayList<>(List.of("--key", vector("ledger.vkey")));
        for (int i = 0; i < args.length; i += 2) {
            all.add(args[i]);
            all.add(vector(args[i + 1]));
        }
        return run(args.length == 0 ? new String[0] : all.toArray(String[]::new));
    }

    private static Run run(String[] args) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = LedgerVerifier.run(args, new PrintStream(output, true, StandardCharsets.UTF_8));
        return new Run(exit, output.toString(StandardCharsets.UTF_8));
    }

    private record Run(int exit, String output) {
    }

    private static String vector(String name) {
        try {
            return Path.of(LedgerVerifierTest.class.getResource("/ledger-vectors/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
