package az.ekabinet.it.audit;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.domain.ledger.Checkpoint;
import az.ekabinet.domain.ledger.NoteVerifier;
import az.ekabinet.it.support.CitizenClient.SignedUp;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.projection.ledger.LedgerCheckpoints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * Interoperability: the service's checkpoints, key, proofs and receipts, and the verifier's test vectors, checked by
 * an independent implementation of the formats: Go's {@code golang.org/x/mod/sumdb/note} (C2SP signed notes) and
 * {@code golang.org/x/mod/sumdb/tlog} (RFC 6962 trees and proofs), driven by {@code src/test/go/ledgercheck}.
 * Needs Go and Debian's {@code golang-golang-x-mod-dev}, which {@code .ci/run} installs.
 */
@IntegrationTest
class LedgerInteropIT extends AuditTests {

    private static final Path LEDGERCHECK = Path.of("src", "test", "go", "ledgercheck", "main.go");
    private static final Path VECTORS = Path.of("..", "domain", "src", "test", "resources", "ledger-vectors");

    @Autowired
    LedgerCheckpoints checkpoints;

    @TempDir
    Path files;

    @Test
    void goVerifiesWhatTheServicePublishes() throws Exception {
        SignedUp payer = citizens.signUp(PASSWORD);
        SignedUp payee = citizens.signUp(PASSWORD);
        bank.payInto(payer.token(), "20.00");
        Path first = signed("first.txt");
        transfer(payer, payee, "5.00");
        bank.payInto(payee.token(), "1.00");
        Path second = signed("second.txt");
        long from = Checkpoint.parse(key().open(Files.readString(first))).size();
        long to = Checkpoint.parse(key().open(Files.readString(second))).size();

        List<String> args = new ArrayList<>(List.of("-key", save("ledger.vkey", get("/api/audit/checkpoint/key", null)),
                "-checkpoint", first.toString(), "-checkpoint", second.toString(),
                "-ledger", save("ledger.ndjson", get("/api/audit/ledger", auditor)),
                "-consistency", save("consistency.json", get("/api/audit/proofs/consistency?from=" + from + "&to=" + to,
                        null))));
        String receipts = get("/api/me/wallet/receipts", payee.token());
        var json = JSON.readTree(receipts);
        for (int i = 0; i < json.size(); i++) {
            args.add("-receipt");
            args.add(save("receipt-" + i + ".json", json.get(i).toString()));
        }
        assertThat(json.size()).isEqualTo(2);

        Go go = ledgercheck(args);
        assertThat(go.exit()).as(go.output()).isZero();
        assertThat(go.output()).contains("chain and Merkle roots verified", to + " extends " + from,
                "included in the tree of " + to, "OK");
    }

    @Test
    void goVerifiesTheTestVectorsAndRejectsTheAdversarialOnes() throws Exception {
        Go good = ledgercheck(List.of("-key", vector("ledger.vkey"), "-ledger", vector("ledger.ndjson"),
                "-checkpoint", vector("checkpoint-16.txt"), "-checkpoint", vector("checkpoint-33.txt"),
                "-checkpoint", vector("checkpoint-40.txt"), "-receipt", vector("receipt-5.json"),
                "-receipt", vector("receipt-37.json"), "-consistency", vector("consistency-16-40.json"),
                "-consistency", vector("consistency-33-40.json")));
        assertThat(good.exit()).as(good.output()).isZero();

        for (List<String> bad : List.of(
                List.of("-ledger", vector("bad-altered-amount.ndjson")),
                List.of("-ledger", vector("bad-truncated.ndjson"), "-checkpoint", vector("checkpoint-40.txt")),
                List.of("-checkpoint", vector("checkpoint-40.txt"), "-checkpoint", vector("bad-checkpoint-40-fork.txt")),
                List.of("-checkpoint", vector("bad-checkpoint-40-other-key.txt")),
                List.of("-checkpoint", vector("bad-checkpoint-40-other-origin.txt")),
                List.of("-receipt", vector("bad-receipt-proof-for-another-position.json")))) {
            List<String> args = new ArrayList<>(List.of("-key", vector("ledger.vkey")));
            args.addAll(bad);
            Go go = ledgercheck(args);
            assertThat(go.exit()).as(bad + ": " + go.output()).isEqualTo(1);
            assertThat(go.output()).startsWith("FAILED");
        }
    }

    private Path signed(String name) throws IOException {
        awaitLedgerCaughtUp();
        checkpoints.signIfGrown();
        return Path.of(save(name, get("/api/audit/checkpoint", null)));
    }

    private NoteVerifier key() {
        return NoteVerifier.parse(get("/api/audit/checkpoint/key", null));
    }

    private String get(String uri, String token) {
        return http.get().uri(uri).accept(MediaType.ALL).headers(h -> {
            if (token != null) {
                h.setBearerAuth(token);
            }
        }).exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    private String save(String name, String text) throws IOException {
        return Files.writeString(files.resolve(name), text, StandardCharsets.UTF_8).toString();
    }

    private static String vector(String name) {
        return VECTORS.resolve(name).toAbsolutePath().toString();
    }

    private record Go(int exit, String output) {
    }

    /** {@code go run ledgercheck}, with Debian's golang.org/x/mod on the GOPATH. */
    private Go ledgercheck(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("go", "run", LEDGERCHECK.toAbsolutePath().toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("GO111MODULE", "off");
        builder.environment().put("GOPATH", "/usr/share/gocode");
        builder.environment().put("GOCACHE", files.resolve("go-cache").toString());
        Process go = builder.start();
        String output = new String(go.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(go.waitFor(2, TimeUnit.MINUTES)).as("go run ended").isTrue();
        return new Go(go.exitValue(), output);
    }
}
