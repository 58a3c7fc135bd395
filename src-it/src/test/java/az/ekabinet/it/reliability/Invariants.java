package az.ekabinet.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.domain.cabinet.CabinetActivated;
import az.ekabinet.domain.exam.application.ApplicationConfirmed;
import az.ekabinet.domain.exam.result.ResultCorrected;
import az.ekabinet.domain.exam.result.ResultsPublicationSet;
import az.ekabinet.domain.exam.result.ResultsRecorded;
import az.ekabinet.domain.payment.PaymentCodeRedeemed;
import az.ekabinet.domain.payment.PaymentReceived;
import az.ekabinet.domain.transfer.TransferCompleted;
import az.ekabinet.domain.wallet.FundsCredited;
import az.ekabinet.domain.wallet.FundsDebited;
import az.ekabinet.domain.wallet.WalletOpened;
import az.ekabinet.it.reliability.Journal.Application;
import az.ekabinet.it.reliability.Journal.Transfer;
import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.RunningService;
import az.ekabinet.it.support.WalletLedger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What must hold after every fault, checked against the event store (the truth), the read models and the auditors'
 * reconciliation, for everything the {@link Journal} recorded:
 * <ul>
 *   <li>every acknowledged operation is durable: a paid code is received, a credited code is in its citizen's wallet,
 *       an acknowledged transfer has its debit and its credit, a confirmed application its fee debit;</li>
 *   <li>an operation refused for want of money did not happen;</li>
 *   <li>nothing is half done: a code redeemed without its credit, a transfer with one side, a confirmation without
 *       its fee (or the reverse), a movement twice;</li>
 *   <li>no money from nowhere: every movement has a cause the clients made, with the clients' amount;</li>
 *   <li>money is conserved: the wallets hold what the credited codes brought in less the fees taken, and no balance
 *       is ever negative (every balance-after replayed);</li>
 *   <li>the read models equal a replay: the wallet read model, the applications' status, and — once caught up
 *       (waited for, with a bound) — the streaming projections: a ledger line for every money event, a provider
 *       payment row for every payment, the ops counters; and the auditors' reconciliation finds nothing.</li>
 * </ul>
 */
public final class Invariants {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CATCH_UP = Duration.ofSeconds(90);

    record Event(long globalIndex, String aggregate, String type, JsonNode payload) {
    }

    private final RunningService service;
    private final JdbcTemplate jdbc;

    public Invariants(RunningService service) {
        this.service = service;
        this.jdbc = service.jdbc();
    }

    /** Waits (bounded) for the streaming projections, then asserts every invariant; returns how long it waited. */
    public Duration assertHold(Journal journal) {
        long started = System.nanoTime();
        List<String> problems = new ArrayList<>();
        long until = started + CATCH_UP.toNanos();
        while (!(problems = streamingProjectionsBehind()).isEmpty() && System.nanoTime() < until) {
            sleep(250);
        }
        Duration caughtUp = Duration.ofNanos(System.nanoTime() - started);
        problems = new ArrayList<>(problems);
        problems.addAll(problems(journal));
        assertThat(problems).as("invariants after the fault (%s)", journal.summary()).isEmpty();
        return caughtUp;
    }

    /** Every broken invariant, described; empty when all hold. Does not wait for the streaming projections. */
    List<String> problems(Journal journal) {
        List<String> problems = new ArrayList<>();
        List<Event> events = events();
        Map<String, String> cabinetOfWallet = new HashMap<>();
        events.stream().filter(e -> e.type().equals(WalletOpened.class.getName())).forEach(e ->
                cabinetOfWallet.put(e.payload().get("walletId").asText(), e.payload().get("cabinetNumber").asText()));

        Map<String, List<Event>> movements = new HashMap<>();
        for (Event e : events) {
            if (e.type().equals(FundsCredited.class.getName()) || e.type().equals(FundsDebited.class.getName())) {
                String cause = e.payload().get("cause").asText();
                movements.computeIfAbsent(cause, c -> new ArrayList<>()).add(e);
                if (!knownCause(cause, journal)) {
                    problems.add("money moved for a cause no client made: " + e);
                }
            }
        }
        payments(journal, events, movements, cabinetOfWallet, problems);
        transfers(journal, events, movements, cabinetOfWallet, problems);
        applications(journal, events, movements, cabinetOfWallet, problems);
        conservation(journal, events, cabinetOfWallet.keySet(), problems);
        problems.addAll(reconciliation());
        return problems;
    }

    private static boolean knownCause(String cause, Journal journal) {
        String[] parts = cause.split(":", 2);
        return switch (parts[0]) {
            case "PAYMENT_CODE" -> journal.notified.containsKey(parts[1]);
            case "TRANSFER_IN", "TRANSFER_OUT" -> journal.transfers.containsKey(parts[1]);
            case "EXAM_FEE" -> journal.applications.containsKey(parts[1]);
            default -> false;
        };
    }

    private static void payments(Journal journal, List<Event> events, Map<String, List<Event>> movements,
                                 Map<String, String> cabinetOfWallet, List<String> problems) {
        Map<String, List<Event>> received = byField(events, PaymentReceived.class, "paymentCode");
        Map<String, List<Event>> redeemed = byField(events, PaymentCodeRedeemed.class, "paymentCode");
        received.keySet().stream().filter(code -> !journal.notified.containsKey(code))
                .forEach(code -> problems.add("a payment no provider notified: " + code));
        for (var entry : journal.notified.entrySet()) {
            String code = entry.getKey();
            long amount = entry.getValue();
            List<Event> receipts = received.getOrDefault(code, List.of());
            List<Event> credits = movements.getOrDefault("PAYMENT_CODE:" + code, List.of());
            int redemptions = redeemed.getOrDefault(code, List.of()).size();
            if (receipts.size() > 1 || journal.paid.contains(code) && receipts.isEmpty()) {
                problems.add("payment %s acknowledged=%s but received %d times".formatted(code,
                        journal.paid.contains(code), receipts.size()));
            }
            receipts.stream().filter(e -> e.payload().get("amountQepik").asLong() != amount)
                    .forEach(e -> problems.add("payment %s of %d received as %s".formatted(code, amount, e)));
            if (credits.size() != redemptions || credits.size() > 1) {
                problems.add("code %s redeemed %d times, credited %d times".formatted(code, redemptions,
                        credits.size()));
            }
            if (journal.credited.contains(code) && credits.isEmpty()) {
                problems.add("acknowledged credit of " + code + " is not in the event store");
            }
            for (Event credit : credits) {
                expectMovement(credit, amount, journal.payer.get(code), cabinetOfWallet, problems);
            }
        }
    }

    private static void transfers(Journal journal, List<Event> events, Map<String, List<Event>> movements,
                                  Map<String, String> cabinetOfWallet, List<String> problems) {
        Set<String> completed = new HashSet<>();
        events.stream().filter(e -> e.type().equals(TransferCompleted.class.getName()))
                .forEach(e -> completed.add(e.aggregate().substring("transfer:".length())));
        for (Transfer transfer : journal.transfers.values()) {
            List<Event> debits = movements.getOrDefault("TRANSFER_OUT:" + transfer.id(), List.of());
            List<Event> credits = movements.getOrDefault("TRANSFER_IN:" + transfer.id(), List.of());
            int done = completed.contains(transfer.id()) ? 1 : 0;
            if (debits.size() != done || credits.size() != done) {
                problems.add("transfer %s half done: completed %d, debited %d, credited %d".formatted(transfer.id(),
                        done, debits.size(), credits.size()));
            }
            if (journal.transfersCompleted.contains(transfer.id()) && done == 0) {
                problems.add("acknowledged transfer " + transfer.id() + " is not complete");
            }
            if (journal.transfersRefused.contains(transfer.id()) && done == 1) {
                problems.add("transfer " + transfer.id() + " refused for want of money, yet completed");
            }
            debits.forEach(e -> expectMovement(e, transfer.amountQepik(), transfer.fromCabinet(), cabinetOfWallet,
                    problems));
            credits.forEach(e -> expectMovement(e, transfer.amountQepik(), transfer.toCabinet(), cabinetOfWallet,
                    problems));
        }
    }

    private static void applications(Journal journal, List<Event> events, Map<String, List<Event>> movements,
                                     Map<String, String> cabinetOfWallet, List<String> problems) {
        Map<String, List<Event>> confirmations = byField(events, ApplicationConfirmed.class, "applicationNumber");
        for (Application application : journal.applications.values()) {
            int confirmed = confirmations.getOrDefault(application.number(), List.of()).size();
            List<Event> fees = movements.getOrDefault("EXAM_FEE:" + application.number(), List.of());
            if (confirmed > 1 || fees.size() != confirmed) {
                problems.add("application %s confirmed %d times, fee debited %d times".formatted(application.number(),
                        confirmed, fees.size()));
            }
            if (journal.confirmed.contains(application.number()) && confirmed == 0) {
                problems.add("acknowledged confirmation of application " + application.number() + " is not stored");
            }
            if (journal.confirmationsRefused.contains(application.number()) && confirmed > 0) {
                problems.add("application " + application.number() + " refused for want of money, yet confirmed");
            }
            fees.forEach(e -> expectMovement(e, application.feeQepik(), application.cabinetNumber(), cabinetOfWallet,
                    problems));
        }
    }

    private static void expectMovement(Event movement, long amount, String cabinet,
                                       Map<String, String> cabinetOfWallet, List<String> problems) {
        JsonNode payload = movement.payload();
        if (payload.get("amountQepik").asLong() != amount
                || !Objects.equals(cabinetOfWallet.get(payload.get("walletId").asText()), cabinet)) {
            problems.add("expected %d for cabinet %s, found %s".formatted(amount, cabinet, movement));
        }
    }

    /**
     * Σ balances (replayed, every balance-after checked, none negative) = Σ amounts the clients paid with the codes
     * that were credited − Σ fees of the confirmed applications; and the wallet read model holds the replayed balances.
     */
    private void conservation(Journal journal, List<Event> events, Set<String> wallets, List<String> problems) {
        long paidIn = events.stream().filter(e -> e.type().equals(PaymentCodeRedeemed.class.getName()))
                .mapToLong(e -> journal.notified.getOrDefault(e.payload().get("paymentCode").asText(), 0L)).sum();
        long fees = events.stream().filter(e -> e.type().equals(ApplicationConfirmed.class.getName()))
                .map(e -> journal.applications.get(e.payload().get("applicationNumber").asText()))
                .mapToLong(a -> a == null ? 0 : a.feeQepik()).sum();
        WalletLedger ledger = new WalletLedger(jdbc);
        try {
            long held = ledger.replay(List.copyOf(wallets)).values().stream().mapToLong(Long::longValue).sum();
            if (held != paidIn - fees) {
                problems.add("money not conserved: wallets hold %d, codes credited %d, fees %d".formatted(held, paidIn,
                        fees));
            }
            ledger.assertReadModelEqualsReplay(List.copyOf(wallets));
        } catch (AssertionError broken) {
            problems.add(broken.getMessage());
        }
        Integer confirmedRows = jdbc.queryForObject(
                "SELECT count(*) FROM readmodel.exam_application WHERE status = 'CONFIRMED'", Integer.class);
        long confirmedEvents = events.stream()
                .filter(e -> e.type().equals(ApplicationConfirmed.class.getName())).count();
        if (confirmedRows != confirmedEvents) {
            problems.add("applications read model shows %d confirmed, the event store %d".formatted(confirmedRows,
                    confirmedEvents));
        }
    }

    /**
     * The streaming projections' lag: money events without a ledger line, payments without their row, ops counters
     * that are not the event store's counts and sums.
     */
    List<String> streamingProjectionsBehind() {
        List<String> behind = new ArrayList<>();
        Long missingLines = jdbc.queryForObject("""
                SELECT count(*) FROM domainevententry e
                WHERE e.payloadtype IN (?, ?)
                  AND NOT EXISTS (SELECT 1 FROM readmodel.ledger_entry l WHERE l.global_index = e.globalindex)""",
                Long.class, FundsCredited.class.getName(), FundsDebited.class.getName());
        Long extraLines = jdbc.queryForObject("""
                SELECT count(*) FROM readmodel.ledger_entry l
                WHERE NOT EXISTS (SELECT 1 FROM domainevententry e WHERE e.globalindex = l.global_index)""",
                Long.class);
        Long missingPayments = jdbc.queryForObject("""
                SELECT count(*) FROM domainevententry e WHERE e.payloadtype = ?
                  AND NOT EXISTS (SELECT 1 FROM readmodel.provider_payment p
                                  WHERE e.aggregateidentifier = 'payment:' || p.payment_code)""",
                Long.class, PaymentReceived.class.getName());
        Long uncredited = jdbc.queryForObject("""
                SELECT count(*) FROM domainevententry e WHERE e.payloadtype = ?
                  AND NOT EXISTS (SELECT 1 FROM readmodel.provider_payment p
                                  WHERE e.aggregateidentifier = 'payment:' || p.payment_code
                                    AND p.credited_at IS NOT NULL)""",
                Long.class, PaymentCodeRedeemed.class.getName());
        if (missingLines + extraLines + missingPayments + uncredited > 0) {
            behind.add(String.join(", ", "streaming projections behind the event store: " + missingLines
                    + " money events without a ledger line", extraLines + " ledger lines without an event",
                    missingPayments + " payments without a row", uncredited + " redemptions not shown"));
        }
        Map<String, Long> counters = longs(jdbc.queryForMap("""
                SELECT cabinets_opened, payments_received, payments_received_qepik, payments_credited,
                       payments_credited_qepik, fees_charged, fees_charged_qepik, applications_confirmed,
                       results_imported, results_corrected, results_published
                FROM readmodel.ops_counters WHERE id = 1"""));
        Map<String, Long> replayed = longs(jdbc.queryForMap("""
                SELECT count(*) FILTER (WHERE type = ?) AS cabinets_opened,
                       count(*) FILTER (WHERE type = ?) AS payments_received,
                       coalesce(sum(amount) FILTER (WHERE type = ?), 0) AS payments_received_qepik,
                       count(*) FILTER (WHERE type = ?) AS payments_credited,
                       coalesce(sum(amount) FILTER (WHERE type = ?), 0) AS payments_credited_qepik,
                       count(*) FILTER (WHERE type = ? AND fee) AS fees_charged,
                       coalesce(sum(amount) FILTER (WHERE type = ? AND fee), 0) AS fees_charged_qepik,
                       count(*) FILTER (WHERE type = ?) AS applications_confirmed,
                       coalesce(sum(jsonb_array_length(body -> 'results')) FILTER (WHERE type = ?), 0)
                           AS results_imported,
                       count(*) FILTER (WHERE type = ?) AS results_corrected,
                       -- the results of a session when its publication is first set, and those recorded after that
                       coalesce(sum((body ->> 'resultCount')::bigint)
                                FILTER (WHERE type = ? AND body ->> 'previousPublishAt' IS NULL), 0)
                         + coalesce(sum(jsonb_array_length(body -> 'results'))
                                    FILTER (WHERE type = ? AND (body ->> 'publicationSet')::boolean), 0)
                           AS results_published
                FROM (SELECT payloadtype AS type, convert_from(payload, 'UTF8')::jsonb AS body
                      FROM domainevententry) e,
                     LATERAL (SELECT (body ->> 'amountQepik')::bigint AS amount,
                                     coalesce(body ->> 'cause' LIKE 'EXAM_FEE:%', false) AS fee) fields""",
                CabinetActivated.class.getName(), PaymentReceived.class.getName(), PaymentReceived.class.getName(),
                PaymentCodeRedeemed.class.getName(), PaymentCodeRedeemed.class.getName(), FundsDebited.class.getName(),
                FundsDebited.class.getName(), ApplicationConfirmed.class.getName(), ResultsRecorded.class.getName(),
                ResultCorrected.class.getName(), ResultsPublicationSet.class.getName(),
                ResultsRecorded.class.getName()));
        if (!counters.equals(replayed)) {
            behind.add("ops counters " + counters + " differ from the event store's " + replayed);
        }
        return behind;
    }

    /** The auditors' reconciliation over HTTP: it replays the event store and compares wallets and ledger. */
    private List<String> reconciliation() {
        String auditor = new CitizenClient(service.http()).token("auditor", "demo-auditor-2026");
        JsonNode report = service.http().post().uri("/api/audit/reconciliation").headers(h -> h.setBearerAuth(auditor))
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        return report.get("ok").asBoolean() && report.get("ledgerPending").asLong() == 0
                ? List.of() : List.of("reconciliation: " + report);
    }

    private List<Event> events() {
        return jdbc.query("""
                        SELECT globalindex, aggregateidentifier, payloadtype, payload FROM domainevententry
                        WHERE payloadtype = ANY(?) ORDER BY globalindex""",
                (rs, i) -> new Event(rs.getLong(1), rs.getString(2), rs.getString(3), read(rs.getBytes(4))),
                (Object) new String[] {WalletOpened.class.getName(), PaymentReceived.class.getName(),
                        PaymentCodeRedeemed.class.getName(), FundsCredited.class.getName(),
                        FundsDebited.class.getName(), TransferCompleted.class.getName(),
                        ApplicationConfirmed.class.getName()});
    }

    private static Map<String, Long> longs(Map<String, Object> row) {
        Map<String, Long> values = new HashMap<>();
        row.forEach((column, value) -> values.put(column, ((Number) value).longValue()));
        return values;
    }

    private static Map<String, List<Event>> byField(List<Event> events, Class<?> type, String field) {
        Map<String, List<Event>> by = new HashMap<>();
        events.stream().filter(e -> e.type().equals(type.getName()))
                .forEach(e -> by.computeIfAbsent(e.payload().get(field).asText(), k -> new ArrayList<>()).add(e));
        return by;
    }

    private static JsonNode read(byte[] payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
