package az.ekabinet.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No secret is committed: every file git tracks is scanned for private keys, cloud access keys, password hashes and
 * credentials in configuration files. The only credentials allowed are the published demo ones (and
 * their hashes), which the production profile refuses to start with (ProductionProfileIT).
 */
class CommittedSecretsTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** Where the public demo credentials live, on purpose. */
    static final Set<String> DEMO_FILES = Set.of("config/src/main/resources/application-demo.yml");
    /** Never anywhere. */
    static final List<Pattern> KEYS = List.of(
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"),
            Pattern.compile("AKIA[0-9A-Z]{16}"),
            Pattern.compile("(?i)jdbc:postgresql://[^\\s\"']*password=[^\\s&\"']+"));
    /** A checkpoint signing key of the ledger (a note signer key); the test vectors' own is published on purpose. */
    static final Pattern LEDGER_KEY = Pattern.compile("PRIVATE\\+KEY\\+[^\\s+]+\\+[0-9a-f]{8}\\+[A-Za-z0-9+/=]{44}");
    static final String TEST_LEDGER_KEY = "domain/src/test/resources/ledger-vectors/test-signer.key";
    static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");
    /** A literal credential in a configuration file (a ${placeholder} is fine). */
    static final Pattern CONFIGURED = Pattern.compile(
            "(?im)^\\s*[\\w.-]*(api[-_]?key|secret|password(-hash)?)\\s*[:=]\\s*(?!\\$\\{)[\"']?[^\\s\"'#]{4,}");

    @Test
    void noSecretOutsideTheDemoProfile() throws IOException, InterruptedException {
        Process git = new ProcessBuilder("git", "ls-files").directory(ROOT.toFile()).start();
        List<String> files = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(git.waitFor()).as("git ls-files in " + ROOT).isZero();
        assertThat(files).as("the scan sees the repository").contains("pom.xml", "README.md");
        String demo = Files.readString(ROOT.resolve(DEMO_FILES.iterator().next()), StandardCharsets.UTF_8);
        List<String> found = new ArrayList<>();
        for (String file : files) {
            if (DEMO_FILES.contains(file) || file.endsWith(".ttf") || file.endsWith(".png") || file.endsWith(".jar")
                    || file.endsWith("CommittedSecretsTest.java")) {
                continue;
            }
            String text;
            try {
                text = Files.readString(ROOT.resolve(file), StandardCharsets.UTF_8);
            } catch (MalformedInputException binary) {
                continue;
            }
            for (Pattern key : KEYS) {
                key.matcher(text).results().forEach(match -> found.add(file + ": " + match.group()));
            }
            if (!file.equals(TEST_LEDGER_KEY)) {
                LEDGER_KEY.matcher(text).results().forEach(match -> found.add(file + ": a ledger signing key"));
            }
            BCRYPT.matcher(text).results().filter(match -> !demo.contains(match.group()))
                    .forEach(match -> found.add(file + ": a password hash that is not a demo one"));
            if (file.matches(".*\\.(ya?ml|properties|env|conf)$")) {
                CONFIGURED.matcher(text).results().forEach(match -> found.add(file + ": " + match.group().strip()));
            }
        }
        assertThat(found).isEmpty();
    }
}
