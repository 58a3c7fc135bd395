package az.ekabinet.it.audit;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.domain.ledger.NoteVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's commands for auditors and operators, run as they are typed: {@code config/audit/ledger verify} over the
 * test vectors, and {@code config/audit/ledger new-key}.
 */
class LedgerCommandIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path VECTORS = ROOT.resolve(Path.of("domain", "src", "test", "resources", "ledger-vectors"));

    @Test
    void verifyChecksAnExportAndNamesTheFirstBadPosition() throws Exception {
        Run good = ledger("verify", "--key", "ledger.vkey", "--ledger", "ledger.ndjson", "--checkpoint",
                "checkpoint-40.txt", "--receipt", "receipt-37.json");
        assertThat(good.exit()).as(good.output()).isZero();
        assertThat(good.output()).contains("VERIFIED");

        Run bad = ledger("verify", "--key", "ledger.vkey", "--ledger", "bad-reordered-pair.ndjson");
        assertThat(bad.exit()).as(bad.output()).isEqualTo(1);
        assertThat(bad.output()).contains("FAILED at position 10");
    }

    @Test
    void newKeyMakesASigningKeyAndItsPublicHalf() throws Exception {
        Run run = ledger("new-key", "ekabinet.example.az/ledger");
        assertThat(run.exit()).as(run.output()).isZero();
        String verifierKey = run.output().lines().filter(line -> line.startsWith("verifier key"))
                .map(line -> line.replaceAll("^.*\\s", "")).findFirst().orElseThrow();
        assertThat(NoteVerifier.parse(verifierKey).name()).isEqualTo("ekabinet.example.az/ledger");
        assertThat(run.output()).contains("PRIVATE+KEY+ekabinet.example.az/ledger+");
    }

    private record Run(int exit, String output) {
    }

    /** {@code config/audit/ledger} with these arguments, from the vectors' directory (file names as given). */
    private static Run ledger(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("config/audit/ledger").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(VECTORS.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), output);
    }
}
