package az.ekabinet.it.audit;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.it.support.ApplicationClient;
import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.CitizenClient.SignedUp;
import az.ekabinet.it.support.ProviderClient;
import az.ekabinet.it.support.TestClock;
import az.ekabinet.it.support.WalletLedger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * What the auditors' tests share: a citizen's and an auditor's clients, the ledger as an auditor reads it, and the
 * independent re-check of its chain and balances.
 */
abstract class AuditTests {

    static final String PASSWORD = "an audited password";
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    WebTestClient http;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TokenStore tokens;
    @Autowired
    PlatformTransactionManager transactions;

    CitizenClient citizens;
    ProviderClient bank;
    ApplicationClient applications;
    String auditor;

    @BeforeEach
    void setUp() {
        citizens = new CitizenClient(http);
        bank = ProviderClient.demoBank(http, clock);
        applications = new ApplicationClient(http);
        auditor = citizens.token("auditor", "demo-auditor-2026");
    }

    /**
     * The ledger re-verified independently of the service's code: the chain ({@link #recheckChain}) and every
     * cabinet's balances following from its amounts.
     */
    static void recheck(List<JsonNode> ledger) {
        recheckChain(ledger);
        Map<String, BigDecimal> balances = new HashMap<>();
        for (int i = 0; i < ledger.size(); i++) {
            JsonNode line = ledger.get(i);
            BigDecimal amount = new BigDecimal(line.get("amount").asText());
            BigDecimal change = line.get("type").asText().equals("CREDIT") ? amount : amount.negate();
            BigDecimal after = balances.getOrDefault(line.get("cabinetNumber").asText(), BigDecimal.ZERO).add(change);
            assertThat(new BigDecimal(line.get("balanceAfter").asText())).as("balance after line %d", i + 1)
                    .isEqualByComparingTo(after).isNotNegative();
            balances.put(line.get("cabinetNumber").asText(), after);
        }
    }

    /**
     * Positions 1, 2, 3, … without gaps; every hash recomputed from the line's fields and the hash before. (A line
     * appended late, after a line with a higher index, keeps the chain but not the per-cabinet running balance.)
     */
    static void recheckChain(List<JsonNode> ledger) {
        String previous = "0".repeat(64);
        for (int i = 0; i < ledger.size(); i++) {
            JsonNode line = ledger.get(i);
            assertThat(line.get("position").asLong()).as("position of line %d", i + 1).isEqualTo(i + 1);
            String text = String.join("|", line.get("position").asText(), line.get("cabinetNumber").asText(),
                    line.get("type").asText(), line.get("amount").asText(), line.get("balanceAfter").asText(),
                    line.get("cause").asText(), line.get("occurredAt").asText(), previous);
            assertThat(line.get("hash").asText()).as("hash of line %d", i + 1).isEqualTo(sha256(text));
            previous = line.get("hash").asText();
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A reconciliation while one row is changed behind the service's back, undone right after (tests share the
     * database and others reconcile too): once undone, reconciliation is clean again.
     */
    JsonNode reconcileWhileChanged(String change, String undo, Object row) {
        JsonNode report;
        jdbc.update(change, row);
        try {
            report = reconcile();
        } finally {
            jdbc.update(undo, row);
        }
        assertThat(reconcile().get("ok").asBoolean()).as("clean again once undone").isTrue();
        return report;
    }

    /** Prepares and confirms a transfer; its id. */
    String transfer(SignedUp from, SignedUp to, String amount) {
        String id = http.post().uri("/api/me/wallet/transfers").headers(h -> h.setBearerAuth(from.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"recipientCabinetNumber\":\"%s\",\"amount\":\"%s\",\"password\":\"%s\"}"
                        .formatted(to.cabinetNumber(), amount, PASSWORD))
                .exchange().expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("transferId").asText();
        http.post().uri("/api/me/wallet/transfers/{id}/confirmation", id).headers(h -> h.setBearerAuth(from.token()))
                .exchange().expectStatus().isOk();
        return id;
    }

    /** The ledger is written asynchronously: wait (bounded) until it has a line for every money movement. */
    void awaitLedgerCaughtUp() {
        new WalletLedger(jdbc).awaitLedgerCaughtUp(Duration.ofSeconds(30));
    }

    /** GET /api/audit/ledger as NDJSON, one JSON document per line. */
    List<JsonNode> ledger(String fromPosition) {
        String body = http.get()
                .uri(fromPosition == null ? "/api/audit/ledger" : "/api/audit/ledger?fromPosition=" + fromPosition)
                .accept(MediaType.APPLICATION_NDJSON).headers(h -> h.setBearerAuth(auditor))
                .exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
                .expectBody(String.class).returnResult().getResponseBody();
        return body == null ? List.of() : body.lines().filter(line -> !line.isBlank()).map(AuditTests::parse).toList();
    }

    static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> linesOf(List<JsonNode> ledger, String cabinetNumber) {
        return ledger.stream().filter(line -> line.get("cabinetNumber").asText().equals(cabinetNumber)).toList();
    }

    static List<String> fieldNames(JsonNode line) {
        return StreamSupport.stream(((Iterable<String>) line::fieldNames).spliterator(), false).toList();
    }

    /** GET /api/audit/wallets/{n}/balance?asOf= (the instant encoded, so that "+04:00" stays a plus). */
    WebTestClient.ResponseSpec balance(String cabinetNumber, String asOf) {
        return http.get().uri("/api/audit/wallets/{n}/balance?asOf={at}", cabinetNumber, asOf)
                .headers(h -> h.setBearerAuth(auditor)).exchange();
    }

    JsonNode reconcile() {
        return http.post().uri("/api/audit/reconciliation").headers(h -> h.setBearerAuth(auditor)).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }
}
