package az.ekabinet.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import az.ekabinet.it.support.ApplicationClient;
import az.ekabinet.it.support.Cluster;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two nodes behind HAProxy under a mixed load of 8 clients (payments and credits, transfers, application
 * confirmations, balance reads), an operator following the ops stream through HAProxy: first the busiest node is
 * killed (SIGKILL) and started again, then every node is restarted in turn as a deploy does it. Judged as the other
 * fault tests are: every acknowledged operation is there, nothing half done, money conserved, read models equal a
 * replay, the operator saw every event once. A request may fail only while it was in flight on the killed node (a 502
 * from HAProxy, or the connection closed without an answer); the deploy must fail none.
 */
@Tag("reliability")
class ClusterFaultsIT {

    private static final int CITIZENS = 12;
    private static final int CONCURRENCY = 8;

    @Test
    void aClusterServesThroughANodeKilledAndADeploy() throws Exception {
        try (var cluster = Cluster.start("cluster-faults", 2); var operator = new OpsFollower()) {
            Journal journal = new Journal();
            MixedLoad load = MixedLoad.signUp(cluster, journal, CITIZENS);
            load.fund(200_00);
            load.prepareApplications(cluster, ApplicationClient.DEMO_SESSION, 50_00);
            Invariants invariants = new Invariants(cluster);
            operator.follow(cluster);
            AtomicBoolean stop = new AtomicBoolean();
            CompletableFuture<Void> running = load.continuous(CONCURRENCY, stop::get).then().toFuture();
            awaitAcknowledged(journal, running, 40);

            int victim = cluster.busiestNode();
            int held = cluster.segmentsHeldBy(victim);
            long killedAt = load.now();
            cluster.kill(victim);
            long dead = load.now();
            long takeover = System.nanoTime();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> cluster.segmentsHeldBy(victim) == 0);
            Duration takenOver = Duration.ofNanos(System.nanoTime() - takeover);
            awaitAcknowledged(journal, running, journal.acknowledged() + 40);
            Duration restarted = cluster.restart(victim);

            awaitAcknowledged(journal, running, journal.acknowledged() + 20);
            long deployFrom = load.now();
            cluster.rollingRestart();
            long deployTo = load.now();
            awaitAcknowledged(journal, running, journal.acknowledged() + 20);
            stop.set(true);
            running.get(2, TimeUnit.MINUTES);
            load.repeatUntold();

            // in flight on the killed node: sent before it was dead, answered (if at all) after it was killed
            Predicate<Journal.Answer> inFlightAtKill = a -> a.startedNanos() <= dead && a.endedNanos() >= killedAt;
            Predicate<Journal.Answer> inDeploy = a -> a.startedNanos() <= deployTo && a.endedNanos() >= deployFrom;
            List<Journal.Answer> failedAtKill = journal.unexpected(a -> false).stream().filter(inFlightAtKill).toList();
            List<Journal.Answer> failedInDeploy = journal.unexpected(a -> false).stream().filter(inDeploy).toList();
            assertThat(journal.unexpected(a -> inFlightAtKill.test(a)
                    && (a.status() == 502 || a.status() == 503 || a.unanswered())).stream()
                    .map(a -> a + " at %.2f s (killed %.2f–%.2f s, deploy %.2f–%.2f s)".formatted(a.startedNanos() / 1e9,
                            killedAt / 1e9, dead / 1e9, deployFrom / 1e9, deployTo / 1e9)).toList())
                    .as("every answer is a success or a refusal for want of money, but for requests in flight on "
                            + "the killed node: HAProxy answers them 502, or closes a connection it had reused so "
                            + "that the client may repeat as it would with the node itself").isEmpty();
            assertThat(failedInDeploy).as("a deploy fails no request").isEmpty();
            Duration caughtUp = invariants.assertHold(journal);
            operator.assertSawEveryActivity(cluster.jdbc());

            Report.write("cluster", List.of(
                    "Two nodes behind HAProxy, %d clients at a time (%d citizens): the busiest node killed (SIGKILL) "
                            .formatted(CONCURRENCY, CITIZENS) + "and started again, then a rolling restart of both",
                    "", journal.summary() + "; acknowledged but lost: 0; the operator, through HAProxy, saw every "
                            + "activity once, in order, over " + operator.connections() + " connections", "",
                    "| phase | requests failed | how | figures |", "| --- | --- | --- | --- |"), List.of(
                    "| SIGKILL of the node holding %d processor segments | %d | %s | its segments taken over by the other node after %s; restarted and back in HAProxy's rotation after %s |"
                            .formatted(held, failedAtKill.size(), statuses(failedAtKill), Report.seconds(takenOver),
                                    Report.seconds(restarted)),
                    "| rolling restart of both nodes | %d | %s | %s |".formatted(failedInDeploy.size(),
                            statuses(failedInDeploy), "streaming projections caught up " + Report.seconds(caughtUp)
                                    + " after the load")));
        }
    }

    private static void awaitAcknowledged(Journal journal, CompletableFuture<Void> running, int count) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20))
                .until(() -> journal.acknowledged() >= count || running.isDone());
        assertThat(running).as("the load runs on").isNotDone();
    }

    private static String statuses(List<Journal.Answer> failed) {
        return failed.isEmpty() ? "—" : failed.stream().map(a -> a.unanswered() ? "no answer" : Integer.toString(a.status()))
                .distinct().sorted().reduce((a, b) -> a + ", " + b).orElse("");
    }
}
