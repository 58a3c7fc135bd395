package az.ekabinet.it.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.ProviderClient;
import az.ekabinet.it.support.ServiceProcess;
import az.ekabinet.it.support.WalletLedger;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The service process killed hard (SIGKILL) in the middle of transfers, then started again: every transfer that
 * was answered 2xx is complete, none is half done (a debit without its credit or the reverse), and money is
 * conserved. Runs the real runnable jar as a separate process on its own database.
 */
class CrashIT {

    private static final String PASSWORD = "crash test password";
    /** Demo citizens (the shipped demo data): the separate process has only the demo registry. */
    private static final List<String[]> PEOPLE = List.of(new String[] {"AZE", "12345678", "5ZK3M7P"},
            new String[] {"AZE", "87654321", "2HBX9QD"}, new String[] {"AA", "1234567", "7TRN4WE"},
            new String[] {"AZE", "11223344", "3QWF8LM"});

    private static ServiceProcess service;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void createDatabase() throws SQLException {
        service = ServiceProcess.withFreshDatabase("crash");
        jdbc = service.jdbc();
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        service.close();
    }

    private void start(String name) throws IOException {
        service.start("crash-it-" + name);
    }

    private WebTestClient http() {
        return service.http();
    }

    record Account(String cabinetNumber, String token) {
    }

    @Test
    void acknowledgedTransfersSurviveAKillAndNoneIsHalfDone() throws Exception {
        start("before-kill");
        var citizens = new CitizenClient(http());
        var bank = ProviderClient.demoBank(http(), Clock.systemUTC());
        List<Account> accounts = new ArrayList<>();
        for (String[] person : PEOPLE) {
            var registered = citizens.register(person[0], person[1], person[2], Ids.phone(), PASSWORD);
            String token = citizens.token(registered.cabinetNumber(), PASSWORD);
            String code = Ids.paymentCode();
            bank.post(bank.notification(code, "100.00", "AA1234567")).expectStatus().isCreated();
            http().post().uri("/api/me/wallet/credits").headers(h -> h.setBearerAuth(token))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"paymentCode\":\"" + code + "\"}")
                    .exchange().expectStatus().isCreated();
            accounts.add(new Account(registered.cabinetNumber(), token));
        }
        Map<String, Account> senders = new ConcurrentHashMap<>();
        for (int i = 0; i < 60; i++) {
            Account from = accounts.get(i % accounts.size());
            Account to = accounts.get((i + 1 + ThreadLocalRandom.current().nextInt(accounts.size() - 1)) % accounts.size());
            String id = http().post().uri("/api/me/wallet/transfers").headers(h -> h.setBearerAuth(from.token()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"recipientCabinetNumber\":\"%s\",\"amount\":\"%d.%02d\",\"password\":\"%s\"}".formatted(
                            to.cabinetNumber(), ThreadLocalRandom.current().nextInt(1, 9),
                            ThreadLocalRandom.current().nextInt(100), PASSWORD))
                    .exchange().expectStatus().isCreated()
                    .expectBody(JsonNode.class).returnResult().getResponseBody().get("transferId").asText();
            senders.put(id, from);
        }

        // Confirm them all at once and kill the process after the first acknowledgements.
        WebClient client = WebClient.create(service.baseUrl());
        List<String> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger answered = new AtomicInteger();
        Flux.fromIterable(senders.entrySet())
                .flatMap(entry -> client.post().uri("/api/me/wallet/transfers/{id}/confirmation", entry.getKey())
                        .headers(h -> h.setBearerAuth(entry.getValue().token()))
                        .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()))
                        .doOnNext(status -> {
                            if (status == 200) {
                                acknowledged.add(entry.getKey());
                            }
                            if (answered.incrementAndGet() == 10) {
                                kill();
                            }
                        })
                        .onErrorResume(e -> Mono.empty()), 6)
                .blockLast(Duration.ofSeconds(60));
        service.awaitExit();
        assertThat(acknowledged).isNotEmpty();
        assertThat(acknowledged.size()).as("the kill came in the middle of the confirmations").isLessThan(senders.size());

        start("after-restart");
        List<String> completed = jdbc.queryForList("""
                SELECT aggregateidentifier FROM domainevententry WHERE payloadtype LIKE '%.TransferCompleted'""", String.class);
        for (String id : acknowledged) {
            assertThat(completed).as("acknowledged transfer " + id).contains("transfer:" + id);
        }
        for (String id : senders.keySet()) {
            int debits = causes("FundsDebited", "TRANSFER_OUT:" + id);
            int credits = causes("FundsCredited", "TRANSFER_IN:" + id);
            boolean done = completed.contains("transfer:" + id);
            assertThat(List.of(debits, credits)).as("transfer " + id + " is all or nothing")
                    .isEqualTo(done ? List.of(1, 1) : List.of(0, 0));
        }
        List<String> wallets = jdbc.queryForList("SELECT wallet_id FROM readmodel.wallet", String.class);
        assertThat(wallets).hasSize(PEOPLE.size());
        assertThat(new WalletLedger(jdbc).replay(wallets).values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(40_000);
        new WalletLedger(jdbc).assertReadModelEqualsReplay(wallets);
    }

    private static void kill() {
        try {
            service.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int causes(String type, String cause) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM domainevententry WHERE payloadtype LIKE ? AND convert_from(payload, 'UTF8') LIKE ?""",
                Integer.class, "%." + type, "%\"cause\":\"" + cause + "\"%");
    }
}
