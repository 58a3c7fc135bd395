package az.ekabinet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The ledger benchmark's baseline is this build with the Merkle tree's work taken out ({@code
 * src-it/bench/ledger-without-tree.patch}, docs/performance.md): the patch must go on applying to the code as it is,
 * or the tree's cost could no longer be measured.
 */
class LedgerBaselinePatchTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theWithoutTreePatchAppliesToTheCodeAsItIs() throws IOException, InterruptedException {
        Process check = new ProcessBuilder("git", "apply", "--check", "src-it/bench/ledger-without-tree.patch")
                .directory(ROOT.toFile()).redirectErrorStream(true).start();
        boolean ended = check.waitFor(30, TimeUnit.SECONDS);
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(ended).as("git apply --check ended").isTrue();
        assertThat(check.exitValue()).as("git apply --check said: " + output).isZero();
    }
}
