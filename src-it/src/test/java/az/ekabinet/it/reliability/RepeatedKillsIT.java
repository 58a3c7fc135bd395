package az.ekabinet.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import az.ekabinet.it.reliability.MixedLoad.Kind;
import az.ekabinet.it.support.ApplicationClient;
import az.ekabinet.it.support.ServiceProcess;
import az.ekabinet.it.support.StubIdentityRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The service process killed hard (SIGKILL) again and again in the middle of a mixed load — payments and their
 * credits, transfers, exam application confirmations, 8 at a time — and started again on the same database. After
 * each restart, first as the kill left it and again once the clients have repeated what they were not answered:
 * every acknowledged operation is there, nothing is half done, money is conserved, no balance is negative, and the
 * read models (the streaming ones once caught up) equal a replay, also by the auditors' reconciliation.
 */
@Tag("reliability")
class RepeatedKillsIT {

    private static final int ROUNDS = Integer.getInteger("reliability.kill-rounds", 3);
    private static final int CITIZENS = 8;
    private static final int CONCURRENCY = 8;

    @Test
    void acknowledgedOperationsSurviveRepeatedHardKills() throws Exception {
        try (var registry = new StubIdentityRegistry(); var service = ServiceProcess.withFreshDatabase("kills");
             var operator = new OpsFollower()) {
            String[] registryArguments = {"--ekabinet.identity-registry.mode=http",
                    "--ekabinet.identity-registry.base-url=" + registry.baseUrl()};
            service.start("reliability-kills-0", registryArguments);
            Journal journal = new Journal();
            MixedLoad load = MixedLoad.signUp(service, journal, CITIZENS);
            load.fund(60_00);
            Invariants invariants = new Invariants(service);
            operator.follow(service);
            List<String> figures = new ArrayList<>();
            List<long[]> down = new ArrayList<>(); // from each kill to the restart, on the load's clock
            Predicate<Journal.Answer> whileDown = answer -> answer.unanswered()
                    && down.stream().anyMatch(d -> answer.endedNanos() >= d[0] && answer.endedNanos() <= d[1]);

            for (int round = 1; round <= ROUNDS; round++) {
                String session = round == 1 ? ApplicationClient.DEMO_SESSION : "reliability-kill-" + round;
                long fee = round == 1 ? 50_00 : 30_00 + round;
                if (round > 1) {
                    MixedLoad.publishSession(service, session, fee);
                }
                load.prepareApplications(service, session, fee);
                List<Kind> kinds = new ArrayList<>();
                kinds.addAll(Collections.nCopies(CITIZENS, Kind.CONFIRMATION));
                kinds.addAll(Collections.nCopies(24, Kind.CREDIT));
                kinds.addAll(Collections.nCopies(40, Kind.TRANSFER));
                Collections.shuffle(kinds);

                int before = journal.acknowledged();
                int killAfter = before + ThreadLocalRandom.current().nextInt(15, 40);
                AtomicBoolean killed = new AtomicBoolean();
                CompletableFuture<Void> running = load.batch(kinds, CONCURRENCY, killed::get).then().toFuture();
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(2))
                        .until(() -> journal.acknowledged() >= killAfter || running.isDone());
                assertThat(running).as("the kill comes in the middle of the load").isNotDone();
                long killedAt = load.now();
                service.kill();
                killed.set(true);
                running.get(60, TimeUnit.SECONDS);
                int acknowledgedBeforeKill = journal.acknowledged() - before;
                int untold = load.untold();

                down.add(new long[] {killedAt, load.now()});
                Duration restart = service.start("reliability-kills-" + round, registryArguments);
                load.target(service);
                operator.follow(service);
                assertThat(journal.unexpected(whileDown)).as("until the kill every answer is a success or a refusal "
                        + "for want of money; after it, requests in flight have no answer").isEmpty();
                Duration caughtUp = invariants.assertHold(journal);
                load.repeatUntold();
                assertThat(journal.unexpected(whileDown)).as("repeats after the restart are answered").isEmpty();
                invariants.assertHold(journal);
                operator.assertSawEveryActivity(service.jdbc());
                figures.add("| %d | %d | %d | %s | %s |".formatted(round, acknowledgedBeforeKill, untold,
                        Report.seconds(restart), Report.seconds(caughtUp)));
            }
            invariantsCatchWhatTheyAreFor(service, journal, invariants);
            Report.write("kills", List.of(
                    "Repeated hard kills: %d rounds of a mixed load (%d clients at a time, %d citizens), a SIGKILL each"
                            .formatted(ROUNDS, CONCURRENCY, CITIZENS),
                    "", journal.summary() + "; acknowledged but lost: 0; an operator following the ops stream saw "
                            + "every activity once, in order, over " + operator.connections() + " connections", "",
                    "| round | acknowledged before the kill | steps in flight, repeated after the restart "
                            + "| restart to healthy | streaming projections caught up after |",
                    "| --- | --- | --- | --- | --- |"), figures);
        }
    }

    /** Each check can fail: a deliberately broken invariant is reported, and all hold again once it is undone. */
    private static void invariantsCatchWhatTheyAreFor(ServiceProcess service, Journal journal, Invariants invariants) {
        Journal.Transfer some = journal.transfers.values().iterator().next();
        var phantom = new Journal.Transfer("00000000-0000-0000-0000-000000000000", some.fromCabinet(),
                some.toCabinet(), 1_00);
        journal.transfers.put(phantom.id(), phantom);
        journal.transfersCompleted.add(phantom.id());
        assertThat(invariants.problems(journal)).as("an acknowledged transfer that is not there")
                .anyMatch(p -> p.contains("acknowledged transfer " + phantom.id()));
        journal.transfersCompleted.remove(phantom.id());
        journal.transfers.remove(phantom.id());

        String code = journal.credited.iterator().next();
        long paid = journal.notified.get(code);
        journal.notified.put(code, paid - 1);
        assertThat(invariants.problems(journal)).as("a wallet credited one qəpik more than the client paid")
                .anyMatch(p -> p.startsWith("money not conserved"));
        journal.notified.put(code, paid);

        var jdbc = service.jdbc();
        String wallet = jdbc.queryForObject("SELECT min(wallet_id) FROM readmodel.wallet", String.class);
        jdbc.update("UPDATE readmodel.wallet SET balance_qepik = balance_qepik + 1 WHERE wallet_id = ?", wallet);
        try {
            assertThat(invariants.problems(journal)).as("a read-model balance that differs from the replay")
                    .anyMatch(p -> p.startsWith("reconciliation:"))
                    .anyMatch(p -> p.contains(wallet));
        } finally {
            jdbc.update("UPDATE readmodel.wallet SET balance_qepik = balance_qepik - 1 WHERE wallet_id = ?", wallet);
        }
        assertThat(invariants.problems(journal)).as("all hold again once undone").isEmpty();
    }
}
