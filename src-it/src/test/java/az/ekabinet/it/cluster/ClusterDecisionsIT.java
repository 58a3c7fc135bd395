package az.ekabinet.it.cluster;

import static az.ekabinet.it.support.ApplicationClient.DEMO_SESSION;
import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.it.support.ApplicationClient;
import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.CitizenClient.SignedUp;
import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.WalletLedger;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Commands decide on the latest committed state whichever node last changed it: the wrong answers two nodes once
 * gave (each deciding on its own copy in memory), and one wallet moved from both nodes at once.
 */
class ClusterDecisionsIT extends ClusterTests {

    /** 130.00 on the wallet, 50.00 of it credited through node B: a transfer of 100.00 through node A goes through. */
    @Test
    void aTransferDecidedOnOneNodeCountsACreditMadeOnTheOther() {
        SignedUp me = new CitizenClient(nodeA).signUp(PASSWORD);
        SignedUp other = new CitizenClient(nodeA).signUp(PASSWORD);
        bank(nodeA).payInto(me.token(), "80.00"); // node A has now loaded my wallet and keeps it
        bank(nodeB).payInto(me.token(), "50.00");

        String transfer = transfer(nodeA, me, other, "100.00").expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("transferId").asText();
        confirmTransfer(nodeA, me, transfer).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("COMPLETED").jsonPath("$.balance").isEqualTo("30.00");
        assertThat(new ApplicationClient(nodeB).balance(other.token())).isEqualTo("100.00");
    }

    /** An application started through node A and completed through node B is confirmed through node A. */
    @Test
    void anApplicationCompletedOnOneNodeIsConfirmedOnTheOther() {
        SignedUp me = new CitizenClient(nodeA).signUp(PASSWORD);
        bank(nodeA).payInto(me.token(), "50.00");
        String number = new ApplicationClient(nodeA).start(me.token(), DEMO_SESSION); // kept by node A
        new ApplicationClient(nodeB).fillIn(me.token(), number);
        assertThat(new ApplicationClient(nodeB).view(me.token(), number).get("problems")).isEmpty();

        new ApplicationClient(nodeA).confirm(me.token(), number).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("CONFIRMED").jsonPath("$.balance").isEqualTo("0.00");
    }

    /** A section set back to what node A last saw, after node B changed it, is recorded: A does not see "no change". */
    @Test
    void anEditThatLooksUnchangedToAStaleCopyIsRecorded() {
        SignedUp me = new CitizenClient(nodeA).signUp(PASSWORD);
        ApplicationClient onA = new ApplicationClient(nodeA);
        String number = onA.start(me.token(), DEMO_SESSION);
        onA.put(me.token(), number, "residence", "{\"districtCode\":\"BAKU\"}").expectStatus().isNoContent();
        new ApplicationClient(nodeB).put(me.token(), number, "residence", "{\"districtCode\":\"GANJA\"}")
                .expectStatus().isNoContent();

        onA.put(me.token(), number, "residence", "{\"districtCode\":\"BAKU\"}").expectStatus().isNoContent();

        assertThat(new ApplicationClient(nodeB).view(me.token(), number).at("/personal/residence/code").asText())
                .isEqualTo("BAKU");
    }

    /**
     * Two citizens' wallets moved from both nodes at once: codes credited, transfers both ways (each previewed on
     * one node and confirmed on the other), and each one's application confirmed six times, three through each node.
     * There is money enough for all of it, so every step succeeds: no 5xx, no refusal; each fee is charged once, and
     * the balances are exactly what the steps add up to, in the read model and in the event store alike.
     */
    @Test
    void oneWalletMovedFromBothNodesAtOnceConservesMoney() {
        SignedUp p = new CitizenClient(nodeA).signUp(PASSWORD);
        SignedUp q = new CitizenClient(nodeB).signUp(PASSWORD);
        bank(nodeA).payInto(p.token(), "300.00");
        bank(nodeB).payInto(q.token(), "300.00");
        Map<SignedUp, String> applications = new LinkedHashMap<>();
        for (SignedUp citizen : List.of(p, q)) {
            String number = new ApplicationClient(nodeA).start(citizen.token(), DEMO_SESSION);
            new ApplicationClient(nodeB).fillIn(citizen.token(), number);
            applications.put(citizen, number);
        }
        List<WebClient> nodes = List.of(WebClient.create(cluster.node(0).baseUrl()),
                WebClient.create(cluster.node(1).baseUrl()));
        Map<SignedUp, Long> expected = new ConcurrentHashMap<>(Map.of(p, 300_00L - 50_00L, q, 300_00L - 50_00L));
        List<Mono<List<Integer>>> steps = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            SignedUp owner = i % 2 == 0 ? p : q;
            long qepik = 1_00 + i * 37;
            String code = Ids.paymentCode();
            bank(i % 2 == 0 ? nodeB : nodeA).post(bank(nodeA).notification(code, money(qepik), "AA1234567"))
                    .expectStatus().isCreated();
            expected.merge(owner, qepik, Long::sum);
            WebClient node = nodes.get(i % 2);
            steps.add(send(node.post().uri("/api/me/wallet/credits"), owner, "{\"paymentCode\":\"" + code + "\"}")
                    .map(answer -> List.of(answer.status())));
        }
        for (int i = 0; i < 30; i++) {
            SignedUp from = i % 2 == 0 ? p : q;
            SignedUp to = from == p ? q : p;
            long qepik = 50 + i * 11;
            expected.merge(from, -qepik, Long::sum);
            expected.merge(to, qepik, Long::sum);
            WebClient previewOn = nodes.get(i % 2);
            WebClient confirmOn = nodes.get(1 - i % 2);
            steps.add(send(previewOn.post().uri("/api/me/wallet/transfers"), from,
                    "{\"recipientCabinetNumber\":\"%s\",\"amount\":\"%s\",\"password\":\"%s\"}"
                            .formatted(to.cabinetNumber(), money(qepik), PASSWORD))
                    .flatMap(preview -> preview.status() != 201 ? Mono.just(List.of(preview.status()))
                            : send(confirmOn.post().uri("/api/me/wallet/transfers/{id}/confirmation",
                                    preview.body().get("transferId").asText()), from, null)
                            .map(confirmation -> List.of(preview.status(), confirmation.status()))));
        }
        for (int i = 0; i < 12; i++) {
            SignedUp citizen = i % 2 == 0 ? p : q;
            steps.add(send(nodes.get(i / 2 % 2).post().uri("/api/applications/{n}/confirmation",
                    applications.get(citizen)), citizen, "{\"consentToDebit\":true}")
                    .map(answer -> List.of(answer.status())));
        }
        Collections.shuffle(steps);

        List<Integer> statuses = Flux.fromIterable(steps).flatMap(step -> step, 16).flatMapIterable(s -> s)
                .collectList().block(Duration.ofMinutes(2));

        assertThat(statuses).as("every step succeeds on whichever node").hasSize(20 + 60 + 12)
                .allMatch(status -> status == 200 || status == 201);
        for (SignedUp citizen : List.of(p, q)) {
            for (WebTestClient node : List.of(nodeA, nodeB)) {
                assertThat(new ApplicationClient(node).balance(citizen.token()))
                        .isEqualTo(money(expected.get(citizen)));
            }
            assertThat(cluster.jdbc().queryForObject("""
                    SELECT count(*) FROM domainevententry WHERE payloadtype = 'az.ekabinet.domain.wallet.FundsDebited'
                    AND convert_from(payload, 'UTF8')::jsonb ->> 'cause' = ?""", Integer.class,
                    "EXAM_FEE:" + applications.get(citizen))).as("the fee is charged once").isEqualTo(1);
        }
        List<String> wallets = cluster.jdbc().queryForList(
                "SELECT wallet_id FROM readmodel.wallet WHERE cabinet_number IN (?, ?)", String.class,
                p.cabinetNumber(), q.cabinetNumber());
        new WalletLedger(cluster.jdbc()).assertReadModelEqualsReplay(wallets);
    }
}
