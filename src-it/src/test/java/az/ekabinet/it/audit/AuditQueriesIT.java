package az.ekabinet.it.audit;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.it.support.CitizenClient.SignedUp;
import az.ekabinet.it.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * What auditors ask besides the ledger: a wallet's balance as of an instant, reconciliation of the read models with
 * the event store (clean, and naming what was changed behind the service's back), and that only auditors may ask.
 */
@IntegrationTest
class AuditQueriesIT extends AuditTests {

    @Test
    void aBalanceAsOfAnInstantIsWhatTheWalletHeldThen() {
        SignedUp citizen = citizens.signUp(PASSWORD);
        Instant beforeAnyMoney = clock.instant();
        clock.advance(Duration.ofSeconds(30));
        bank.payInto(citizen.token(), "20.00");
        clock.advance(Duration.ofSeconds(30));
        Instant between = clock.instant();
        clock.advance(Duration.ofSeconds(30));
        bank.payInto(citizen.token(), "5.50");

        JsonNode then = balance(citizen.cabinetNumber(), between.atOffset(ZoneOffset.ofHours(4)).toString())
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(then.get("cabinetNumber").asText()).isEqualTo(citizen.cabinetNumber());
        assertThat(Instant.parse(then.get("asOf").asText())).isEqualTo(between.truncatedTo(ChronoUnit.MICROS));
        assertThat(then.get("balance").asText()).isEqualTo("20.00");
        assertThat(then.get("currency").asText()).isEqualTo("AZN");
        assertThat(then.get("eventsReplayed").asLong()).isEqualTo(1);

        balance(citizen.cabinetNumber(), beforeAnyMoney.toString()).expectStatus().isOk().expectBody()
                .jsonPath("$.balance").isEqualTo("0.00").jsonPath("$.eventsReplayed").isEqualTo(0);
        balance(citizen.cabinetNumber(), "2020-01-01T00:00:00Z").expectStatus().isOk().expectBody()
                .jsonPath("$.balance").isEqualTo("0.00");
        String now = applications.balance(citizen.token());
        assertThat(now).isEqualTo("25.50");
        http.get().uri("/api/audit/wallets/{n}/balance", citizen.cabinetNumber()).headers(h -> h.setBearerAuth(auditor))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.balance").isEqualTo(now).jsonPath("$.eventsReplayed").isEqualTo(2);
    }

    @Test
    void unknownAndMalformedWalletsAndInstantsAreRefused() {
        balance("999999998", "2026-01-15T10:00:00+04:00").expectStatus().isNotFound().expectBody()
                .jsonPath("$.code").isEqualTo("WALLET_NOT_FOUND");
        balance("12345", "2026-01-15T10:00:00+04:00").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.code").isEqualTo("VALIDATION_FAILED")
                .jsonPath("$.errors[0].field").isEqualTo("cabinetNumber")
                .jsonPath("$.errors[0].code").isEqualTo("CABINET_NUMBER_FORMAT");
        balance("999999997", "2026-01-15T10:00:00+04:00").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].code").isEqualTo("CABINET_NUMBER_CHECK_DIGIT");
        SignedUp citizen = citizens.signUp(PASSWORD);
        for (String asOf : List.of("yesterday", "2026-01-15T10:00:00", "2026-13-01T00:00:00Z")) {
            balance(citizen.cabinetNumber(), asOf).expectStatus().isBadRequest().expectBody()
                    .jsonPath("$.errors[0].field").isEqualTo("asOf")
                    .jsonPath("$.errors[0].code").isEqualTo("INSTANT_FORMAT");
        }
        for (String position : List.of("-1", "abc", "1.5", "99999999999999999999")) {
            http.get().uri("/api/audit/ledger?fromPosition={p}", position).accept(MediaType.APPLICATION_NDJSON)
                    .headers(h -> h.setBearerAuth(auditor)).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.errors[0].field").isEqualTo("fromPosition")
                    .jsonPath("$.errors[0].code").isEqualTo("LEDGER_POSITION_FORMAT");
        }
    }

    @Test
    void reconciliationIsCleanAndNamesAReadModelWalletThatWasChanged() {
        SignedUp payer = citizens.signUp(PASSWORD);
        SignedUp payee = citizens.signUp(PASSWORD);
        bank.payInto(payer.token(), "40.00");
        transfer(payer, payee, "15.00");
        awaitLedgerCaughtUp();

        JsonNode clean = reconcile();
        assertThat(clean.get("mismatches")).as(clean.toPrettyString()).isEmpty();
        assertThat(clean.get("ok").asBoolean()).isTrue();
        assertThat(clean.get("mismatchCount").asLong()).isZero();
        assertThat(clean.get("walletsChecked").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(clean.get("eventsReplayed").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(clean.get("ledgerEntriesChecked").asLong()).isEqualTo(ledger(null).size());
        assertThat(clean.get("ledgerPending").asLong()).isZero();

        String walletId = jdbc.queryForObject("SELECT wallet_id FROM readmodel.wallet WHERE cabinet_number = ?",
                String.class, payee.cabinetNumber());
        JsonNode report = reconcileWhileChanged(
                "UPDATE readmodel.wallet SET balance_qepik = balance_qepik + 1 WHERE wallet_id = ?",
                "UPDATE readmodel.wallet SET balance_qepik = balance_qepik - 1 WHERE wallet_id = ?", walletId);
        assertThat(report.get("ok").asBoolean()).isFalse();
        assertThat(report.get("mismatches")).anySatisfy(mismatch -> {
            assertThat(mismatch.get("kind").asText()).isEqualTo("READ_MODEL_BALANCE_DIFFERS");
            assertThat(mismatch.get("walletId").asText()).isEqualTo(walletId);
            assertThat(mismatch.get("cabinetNumber").asText()).isEqualTo(payee.cabinetNumber());
            assertThat(mismatch.get("expected").asText()).isEqualTo("15.00");
            assertThat(mismatch.get("actual").asText()).isEqualTo("15.01");
        });
        assertThat(report.get("mismatchCount").asLong()).isEqualTo(report.get("mismatches").size());
    }

    @Test
    void aLedgerLineChangedInTheDatabaseBreaksItsHash() {
        SignedUp citizen = citizens.signUp(PASSWORD);
        bank.payInto(citizen.token(), "7.00");
        awaitLedgerCaughtUp();
        long position = linesOf(ledger(null), citizen.cabinetNumber()).get(0).get("position").asLong();

        JsonNode report = reconcileWhileChanged(
                "UPDATE readmodel.ledger_entry SET amount_qepik = amount_qepik * 10 WHERE position = ?",
                "UPDATE readmodel.ledger_entry SET amount_qepik = amount_qepik / 10 WHERE position = ?", position);
        assertThat(report.get("ok").asBoolean()).isFalse();
        assertThat(report.get("mismatches")).extracting(m -> m.get("kind").asText())
                .contains("LEDGER_HASH_MISMATCH", "LEDGER_ENTRY_DIFFERS");
    }

    @Test
    void onlyAuditorsMayAudit() {
        SignedUp citizen = citizens.signUp(PASSWORD);
        String operator = citizens.token("operator", "demo-operator-2026");
        for (String token : List.of(citizen.token(), operator)) {
            http.get().uri("/api/audit/ledger").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("FORBIDDEN");
            http.get().uri("/api/audit/wallets/{n}/balance", citizen.cabinetNumber())
                    .headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isForbidden();
            http.post().uri("/api/audit/reconciliation").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isForbidden();
        }
        http.get().uri("/api/audit/ledger").exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("UNAUTHENTICATED");
        http.get().uri("/api/audit/wallets/{n}/balance", citizen.cabinetNumber()).exchange()
                .expectStatus().isUnauthorized();
        http.post().uri("/api/audit/reconciliation").exchange().expectStatus().isUnauthorized();
    }
}
