package az.ekabinet.it.audit;

import static az.ekabinet.it.support.ApplicationClient.DEMO_SESSION;
import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.it.support.CitizenClient.SignedUp;
import az.ekabinet.it.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * The auditors' ledger: every money movement a line in a hash chain that an outside auditor re-checks line by line
 * with code of their own, read in pages that resume where they stopped.
 */
@IntegrationTest
class LedgerIT extends AuditTests {

    @Test
    void theLedgerHoldsEveryMovementInAChainAnyoneCanRecheck() {
        SignedUp payer = citizens.signUp(PASSWORD);
        SignedUp payee = citizens.signUp(PASSWORD);
        bank.payInto(payer.token(), "100.00");
        String transferId = transfer(payer, payee, "30.00");
        String application = applications.start(payer.token(), DEMO_SESSION);
        applications.fillIn(payer.token(), application);
        applications.confirm(payer.token(), application).expectStatus().isOk();
        awaitLedgerCaughtUp();

        List<JsonNode> ledger = ledger(null);
        recheck(ledger);
        assertThat(linesOf(ledger, payer.cabinetNumber()))
                .extracting(line -> line.get("type").asText() + " " + line.get("amount").asText() + " "
                        + line.get("balanceAfter").asText() + " " + line.get("cause").asText().replaceAll(":.*", ""))
                .containsExactly("CREDIT 100.00 100.00 PAYMENT_CODE", "DEBIT 30.00 70.00 TRANSFER_OUT",
                        "DEBIT 50.00 20.00 EXAM_FEE");
        assertThat(linesOf(ledger, payer.cabinetNumber()).get(2).get("cause").asText())
                .isEqualTo("EXAM_FEE:" + application);
        assertThat(linesOf(ledger, payee.cabinetNumber())).singleElement().satisfies(line -> {
            assertThat(line.get("type").asText()).isEqualTo("CREDIT");
            assertThat(line.get("cause").asText()).isEqualTo("TRANSFER_IN:" + transferId);
            assertThat(line.get("balanceAfter").asText()).isEqualTo("30.00");
        });
        assertThat(ledger).allSatisfy(line -> {
            assertThat(line.get("occurredAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
            assertThat(line.get("hash").asText()).matches("[0-9a-f]{64}");
            assertThat(fieldNames(line)).containsExactly("position", "cabinetNumber", "type", "amount",
                    "balanceAfter", "cause", "occurredAt", "hash");
        });
    }

    @Test
    void readingResumesRightAfterTheGivenPositionWithTheSameHashes() {
        SignedUp citizen = citizens.signUp(PASSWORD);
        bank.payInto(citizen.token(), "1.00");
        bank.payInto(citizen.token(), "2.00");
        awaitLedgerCaughtUp();
        List<JsonNode> ledger = ledger(null);
        int from = ledger.size() - 2;

        assertThat(ledger(Integer.toString(from))).containsExactlyElementsOf(ledger.subList(from, ledger.size()));
        assertThat(ledger(Integer.toString(ledger.size()))).isEmpty();
        assertThat(ledger("0")).containsExactlyElementsOf(ledger);

        JsonNode asJson = http.get().uri("/api/audit/ledger?fromPosition={p}", from).accept(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(auditor)).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(asJson.isArray()).isTrue();
        assertThat(asJson).containsExactlyElementsOf(ledger.subList(from, ledger.size()));
    }
}
