package az.ekabinet.it.audit;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.domain.ledger.Checkpoint;
import az.ekabinet.domain.ledger.NoteVerifier;
import az.ekabinet.domain.ledger.verifier.LedgerVerifier;
import az.ekabinet.it.support.ApplicationClient;
import az.ekabinet.it.support.CitizenClient.SignedUp;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.projection.ledger.LedgerCheckpoints;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The verifiable ledger end to end over HTTP: an auditor exports the ledger, anyone fetches the signed checkpoints,
 * the key and the proofs, a citizen their receipts, and the offline verifier checks all of it with nothing else.
 */
@IntegrationTest
class LedgerTreeIT extends AuditTests {

    @Autowired
    LedgerCheckpoints checkpoints;

    @TempDir
    Path files;

    @Test
    void anAuditorVerifiesTheExportAgainstTwoSignedCheckpointsAndTheProofsBetweenThem() throws IOException {
        SignedUp payer = citizens.signUp(PASSWORD);
        SignedUp payee = citizens.signUp(PASSWORD);
        bank.payInto(payer.token(), "40.00");
        Path first = save("first.txt", signedNow());

        transfer(payer, payee, "15.00");
        bank.payInto(payee.token(), "2.50");
        Path second = save("second.txt", signedNow());
        Checkpoint older = Checkpoint.parse(key().open(Files.readString(first)));
        Checkpoint newer = Checkpoint.parse(key().open(Files.readString(second)));
        assertThat(newer.size()).isGreaterThan(older.size());

        Path export = save("ledger.ndjson", http.get().uri("/api/audit/ledger").accept(MediaType.APPLICATION_NDJSON)
                .headers(h -> h.setBearerAuth(auditor)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        Path proof = save("consistency.json", publicGet("/api/audit/proofs/consistency?from={f}&to={t}",
                older.size(), newer.size()).expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody());
        Path key = save("ledger.vkey", publicGet("/api/audit/checkpoint/key").expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
                .expectBody(String.class).returnResult().getResponseBody());

        Verified verified = verify("--key", key, "--ledger", export, "--checkpoint", first, "--checkpoint", second,
                "--consistency", proof);
        assertThat(verified.exit()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("Merkle root matches 2 checkpoint(s)", "the larger tree extends the smaller");

        // the same checkpoints are there to fetch by size, the latest too
        assertThat(publicGet("/api/audit/checkpoints?size={s}", older.size()).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).isEqualTo(Files.readString(first));
        assertThat(Checkpoint.parse(key().open(publicGet("/api/audit/checkpoint").expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody())).size()).isGreaterThanOrEqualTo(newer.size());
    }

    @Test
    void aCitizensReceiptsAreTheirOwnLinesEachProvenAgainstASignedCheckpoint() throws IOException {
        SignedUp citizen = citizens.signUp(PASSWORD);
        SignedUp other = citizens.signUp(PASSWORD);
        bank.payInto(citizen.token(), "60.00");
        String application = applications.start(citizen.token(), ApplicationClient.DEMO_SESSION);
        applications.fillIn(citizen.token(), application);
        applications.confirm(citizen.token(), application).expectStatus().isOk();
        bank.payInto(other.token(), "1.00");
        signedNow();

        List<JsonNode> receipts = receipts(citizen.token());
        assertThat(receipts).extracting(r -> r.at("/line/type").asText() + " " + r.at("/line/amount").asText())
                .containsExactly("CREDIT 60.00", "DEBIT 50.00");
        assertThat(receipts).allSatisfy(r -> assertThat(r.at("/line/cabinetNumber").asText())
                .isEqualTo(citizen.cabinetNumber()));
        Path key = save("ledger.vkey", publicGet("/api/audit/checkpoint/key").expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        List<Object> args = new ArrayList<>(List.of("--key", key));
        for (JsonNode receipt : receipts) {
            long position = receipt.at("/line/position").asLong();
            JsonNode one = http.get().uri("/api/me/wallet/receipts/{p}", position)
                    .headers(h -> h.setBearerAuth(citizen.token())).exchange().expectStatus().isOk()
                    .expectBody(JsonNode.class).returnResult().getResponseBody();
            assertThat(one).as("the same receipt every time it is asked for").isEqualTo(receipt);
            args.add("--receipt");
            args.add(save("receipt-" + position + ".json", receipt.toString()));
            // another citizen's line is not found, exactly as a position with no line
            http.get().uri("/api/me/wallet/receipts/{p}", position).headers(h -> h.setBearerAuth(other.token()))
                    .exchange().expectStatus().isNotFound();
        }
        Verified verified = verify(args.toArray());
        assertThat(verified.exit()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("included in the signed tree");

        http.get().uri("/api/me/wallet/receipts").exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/me/wallet/receipts").headers(h -> h.setBearerAuth(auditor)).exchange()
                .expectStatus().isForbidden();
        http.get().uri("/api/me/wallet/receipts/{p}", Long.MAX_VALUE / 10)
                .headers(h -> h.setBearerAuth(citizen.token())).exchange().expectStatus().isNotFound();
    }

    @Test
    void proofsAndCheckpointsRefuseWhatTheyCannotProveWithAClearProblem() {
        SignedUp citizen = citizens.signUp(PASSWORD);
        bank.payInto(citizen.token(), "3.00");
        bank.payInto(citizen.token(), "4.00");
        long size = Checkpoint.parse(key().open(signedNow())).size();

        problem("/api/audit/proofs/inclusion?position=0&treeSize=" + size, 400, "VALIDATION_FAILED");
        problem("/api/audit/proofs/inclusion?position=abc&treeSize=" + size, 400, "VALIDATION_FAILED");
        problem("/api/audit/proofs/inclusion?treeSize=" + size, 400, "VALIDATION_FAILED");
        problem("/api/audit/proofs/inclusion?position=" + (size + 1) + "&treeSize=" + size, 400, "VALIDATION_FAILED");
        problem("/api/audit/proofs/inclusion?position=1&treeSize=" + (size + 1_000_000), 404, "TREE_SIZE_NOT_REACHED");
        problem("/api/audit/proofs/consistency?from=" + size + "&to=1", 400, "VALIDATION_FAILED");
        problem("/api/audit/proofs/consistency?from=1&to=99999999999999999999", 400, "VALIDATION_FAILED");
        problem("/api/audit/proofs/consistency?from=1&to=" + (size + 1_000_000), 404, "TREE_SIZE_NOT_REACHED");
        problem("/api/audit/checkpoints?size=" + (size + 1_000_000), 404, "CHECKPOINT_NOT_FOUND");
        problem("/api/audit/checkpoints?size=-1", 400, "VALIDATION_FAILED");
        http.get().uri("/api/me/wallet/receipts/abc").headers(h -> h.setBearerAuth(citizen.token())).exchange()
                .expectStatus().isBadRequest();

        JsonNode inclusion = publicGet("/api/audit/proofs/inclusion?position=1&treeSize={s}", size).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(inclusion.get("leafIndex").asLong()).isZero();
        assertThat(inclusion.get("hashes")).hasSizeLessThanOrEqualTo(64 - Long.numberOfLeadingZeros(size));
    }

    /** Signs a checkpoint of the ledger as it is once every movement has its line; the latest signed note. */
    private String signedNow() {
        awaitLedgerCaughtUp();
        checkpoints.signIfGrown();
        return publicGet("/api/audit/checkpoint").expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private NoteVerifier key() {
        return NoteVerifier.parse(publicGet("/api/audit/checkpoint/key").expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
    }

    private List<JsonNode> receipts(String token) {
        JsonNode body = http.get().uri("/api/me/wallet/receipts").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        List<JsonNode> receipts = new ArrayList<>();
        body.forEach(receipts::add);
        return receipts;
    }

    /** Without any credentials: checkpoints, the key and proofs are public. */
    private WebTestClient.ResponseSpec publicGet(String uri, Object... variables) {
        return http.get().uri(uri, variables).exchange();
    }

    private void problem(String uri, int status, String code) {
        http.get().uri(uri).exchange().expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo(code);
    }

    private Path save(String name, String text) throws IOException {
        return Files.writeString(files.resolve(name), text, StandardCharsets.UTF_8);
    }

    private record Verified(int exit, String output) {
    }

    /** The offline verifier, as an auditor runs it, on the files fetched. */
    private static Verified verify(Object... args) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String[] text = Arrays.stream(args).map(Object::toString).toArray(String[]::new);
        int exit = LedgerVerifier.run(text, new PrintStream(output, true, StandardCharsets.UTF_8));
        return new Verified(exit, output.toString(StandardCharsets.UTF_8));
    }
}
