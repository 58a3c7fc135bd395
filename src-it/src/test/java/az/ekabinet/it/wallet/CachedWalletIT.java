package az.ekabinet.it.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.ProviderClient;
import az.ekabinet.it.support.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * This node keeps the wallets it used in memory between commands. Another node may move such a wallet on; every
 * later command here must still decide on the wallet as stored, never on the copy in memory, or money would appear
 * (a credit on a stale balance), be spent twice (a debit on a stale balance) or be refused although it is there (a
 * refusal appends nothing, so no unique key would catch it).
 */
@IntegrationTest
class CachedWalletIT {

    static final String PASSWORD = "cached wallet password";

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    TestClock clock;

    CitizenClient citizens;
    ProviderClient bank;

    @BeforeEach
    void setUp() {
        citizens = new CitizenClient(http);
        bank = ProviderClient.demoBank(http, clock);
    }

    @Test
    void aWalletAnotherNodeMovedOnIsDecidedOnAsStored() throws Exception {
        var me = citizens.signUp(PASSWORD);
        var other = citizens.signUp(PASSWORD);
        bank.payInto(me.token(), "30.00"); // this node has now loaded, credited and kept my wallet
        String walletId = jdbc.queryForObject("SELECT wallet_id FROM readmodel.wallet WHERE cabinet_number = ?",
                String.class, me.cabinetNumber());

        long debitSequence = spendElsewhere(walletId, 2500, 500);

        // on the copy in memory (30.00) this transfer would pass; on the stored wallet (5.00) it must not
        transfer(me, other, "10.00").expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.code").isEqualTo("INSUFFICIENT_FUNDS").jsonPath("$.missingAmount").isEqualTo("5.00");

        // a credit adds to the stored balance and chains after the other node's event
        bank.payInto(me.token(), "2.00");
        assertThat(balance(me.token())).isEqualTo("7.00");
        assertThat(balance(other.token())).isEqualTo("0.00");
        var stored = jdbc.queryForList("""
                SELECT sequencenumber, payloadtype, convert_from(payload, 'UTF8') AS payload FROM domainevententry
                WHERE aggregateidentifier = ? AND sequencenumber > ? ORDER BY sequencenumber""", walletId, debitSequence);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).get("sequencenumber")).isEqualTo(debitSequence + 1);
        assertThat(stored.get(0).get("payloadtype")).isEqualTo("az.ekabinet.domain.wallet.FundsCredited");
        JsonNode credited = new ObjectMapper().readTree((String) stored.get(0).get("payload"));
        assertThat(credited.get("balanceAfterQepik").asLong()).isEqualTo(700);
    }

    /**
     * A credit another node made: it leaves the wallet's next event in the store and the wallet read model. The copy
     * this node keeps in memory is then too poor; deciding on it would refuse a transfer the stored wallet can pay.
     */
    @Test
    void aWalletAnotherNodeCreditedPaysWhatTheStoredBalanceAllows() throws Exception {
        var me = citizens.signUp(PASSWORD);
        var other = citizens.signUp(PASSWORD);
        bank.payInto(me.token(), "30.00"); // this node has now loaded, credited and kept my wallet
        String walletId = jdbc.queryForObject("SELECT wallet_id FROM readmodel.wallet WHERE cabinet_number = ?",
                String.class, me.cabinetNumber());

        storeElsewhere(walletId, "FundsCredited", "\"cause\":\"TRANSFER_IN:%s\",\"creditedAt\"".formatted(UUID.randomUUID()),
                5000, 8000);

        // on the copy in memory (30.00) this transfer would be refused; the stored wallet (80.00) pays it
        transfer(me, other, "70.00").expectStatus().isOk().expectBody().jsonPath("$.balance").isEqualTo("10.00");
        assertThat(balance(me.token())).isEqualTo("10.00");
        assertThat(balance(other.token())).isEqualTo("70.00");
    }

    /**
     * What another node's debit (an exam fee) leaves behind: the wallet's next event in the store and the wallet
     * read model it writes in the same transaction. Returns the event's sequence number.
     */
    private long spendElsewhere(String walletId, long amountQepik, long balanceAfterQepik) {
        return storeElsewhere(walletId, "FundsDebited", "\"cause\":\"EXAM_FEE:%d\",\"debitedAt\""
                .formatted(900000 + ThreadLocalRandom.current().nextInt(100000)), amountQepik, balanceAfterQepik);
    }

    /**
     * The wallet's next event, {@code FundsCredited} or {@code FundsDebited} with its cause and time property,
     * appended as another node's command appends it, and the wallet read model it writes in the same transaction.
     */
    private long storeElsewhere(String walletId, String eventType, String causeAndTimeProperty, long amountQepik,
                                long balanceAfterQepik) {
        return transactions.execute(status -> {
            long sequence = jdbc.queryForObject(
                    "SELECT max(sequencenumber) + 1 FROM domainevententry WHERE aggregateidentifier = ?",
                    Long.class, walletId);
            String cabinetId = walletId.substring("wallet:".length());
            String now = Instant.now().toString();
            String payload = """
                    {"walletId":"%s","cabinetId":"%s","amountQepik":%d,"balanceAfterQepik":%d,%s:"%s"}"""
                    .formatted(walletId, cabinetId, amountQepik, balanceAfterQepik, causeAndTimeProperty, now);
            jdbc.update("""
                    INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                        payload, payloadrevision, payloadtype, timestamp)
                    VALUES (?, ?, 'Wallet', ?, ?, ?, '1', ?, ?)""",
                    walletId, sequence, UUID.randomUUID().toString(), "{}".getBytes(StandardCharsets.UTF_8),
                    payload.getBytes(StandardCharsets.UTF_8), "az.ekabinet.domain.wallet." + eventType, now);
            jdbc.update("UPDATE readmodel.wallet SET balance_qepik = ?, last_event_sequence = ? WHERE wallet_id = ?",
                    balanceAfterQepik, sequence, walletId);
            return sequence;
        });
    }

    /** A transfer previewed (which must be accepted) and confirmed: the confirmation's answer. */
    private WebTestClient.ResponseSpec transfer(CitizenClient.SignedUp from, CitizenClient.SignedUp to, String amount) {
        String transferId = http.post().uri("/api/me/wallet/transfers").headers(h -> h.setBearerAuth(from.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"recipientCabinetNumber\":\"%s\",\"amount\":\"%s\",\"password\":\"%s\"}"
                        .formatted(to.cabinetNumber(), amount, PASSWORD))
                .exchange().expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("transferId").asText();
        return http.post().uri("/api/me/wallet/transfers/{id}/confirmation", transferId)
                .headers(h -> h.setBearerAuth(from.token())).exchange();
    }

    private String balance(String token) {
        return http.get().uri("/api/me/wallet").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("balance").asText();
    }
}
