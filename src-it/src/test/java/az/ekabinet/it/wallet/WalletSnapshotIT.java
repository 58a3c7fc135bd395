package az.ekabinet.it.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.ProviderClient;
import az.ekabinet.it.support.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Wallets are snapshotted (every 5 events in the tests, see {@link IntegrationTest}): a wallet loaded from its
 * snapshot and the events after it has exactly the balance of the whole history, and the snapshot holds the state.
 */
@IntegrationTest
class WalletSnapshotIT {

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;

    @Test
    void aWalletRestoredFromItsSnapshotKeepsTheExactBalance() throws Exception {
        var me = new CitizenClient(http).signUp("citizen's own password");
        var bank = ProviderClient.demoBank(http, clock);
        String walletId = jdbc.queryForObject("SELECT wallet_id FROM readmodel.wallet WHERE cabinet_number = ?",
                String.class, me.cabinetNumber());

        long expectedQepik = 0;
        for (int i = 1; i <= 12; i++) {
            String code = Ids.paymentCode();
            String amount = "%d.%02d".formatted(i, i); // 1.01, 2.02, ...: each credit moves a different sum
            bank.post(bank.notification(code, amount, me.document())).expectStatus().isCreated();
            expectedQepik += i * 100L + i;
            String balance = credit(me.token(), code).get("balance").asText();
            // every credit after the 5th loads the wallet from a snapshot (once one is stored) and the events after it
            assertThat(balance).as("balance after credit %d", i).isEqualTo(wire(expectedQepik));
            if (i == 6) {
                await().atMost(Duration.ofSeconds(10)).until(() -> snapshotOf(walletId) != null);
            }
        }

        JsonNode snapshot = new ObjectMapper().readTree(snapshotOf(walletId));
        assertThat(snapshot.get("id").asText()).isEqualTo(walletId);
        assertThat(snapshot.get("balanceQepik").asLong()).as("the snapshot's balance is one the wallet had")
                .isPositive().isLessThanOrEqualTo(expectedQepik);
        assertThat(http.get().uri("/api/me/wallet").headers(h -> h.setBearerAuth(me.token())).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("balance").asText()).isEqualTo(wire(expectedQepik));
        // and the store agrees: the sum of the wallet's credits is the balance
        assertThat(jdbc.queryForObject("""
                SELECT sum((convert_from(payload, 'UTF8')::json ->> 'amountQepik')::bigint) FROM domainevententry
                WHERE aggregateidentifier = ? AND payloadtype = 'az.ekabinet.domain.wallet.FundsCredited'""",
                Long.class, walletId)).isEqualTo(expectedQepik);
    }

    private String snapshotOf(String walletId) {
        return jdbc.query("""
                SELECT payload FROM snapshotevententry WHERE aggregateidentifier = ?
                ORDER BY sequencenumber DESC LIMIT 1""",
                rs -> rs.next() ? new String(rs.getBytes(1), StandardCharsets.UTF_8) : null, walletId);
    }

    private JsonNode credit(String token, String code) {
        return http.post().uri("/api/me/wallet/credits").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"paymentCode\":\"%s\"}".formatted(code))
                .exchange().expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static String wire(long qepik) {
        return "%d.%02d".formatted(qepik / 100, qepik % 100);
    }
}
