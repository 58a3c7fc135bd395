package az.ekabinet.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import az.ekabinet.it.reliability.Journal.Answer;
import az.ekabinet.it.support.ApplicationClient;
import az.ekabinet.it.support.ServiceProcess;
import az.ekabinet.it.support.StubIdentityRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL restarted under a mixed load, twice: a fast restart (sessions ended, checkpoint) and an immediate one
 * (as a crash: recovery from the write-ahead log). The service is not touched. While the database is down, and only
 * then, requests fail, each with a clean 503 {@code SERVICE_UNAVAILABLE} problem; within a few seconds of the
 * database accepting connections again, reads and writes succeed by themselves. After each restart the load stops,
 * the clients repeat what they were not answered, and the invariants hold: nothing acknowledged lost, nothing half
 * done, money conserved, read models equal a replay.
 * <p>The PostgreSQL restarted is one of the test's own ({@link PrivatePostgres}), never the machine's shared server.
 */
@Tag("reliability")
class PostgresRestartIT {

    /** How soon after PostgreSQL accepts connections again reads and writes must succeed. */
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(Long.getLong("reliability.recovery-bound", 10));
    private static final Duration LOAD_BEFORE_AND_AFTER = Duration.ofSeconds(6);
    private static final int CITIZENS = 8;
    private static final int CONCURRENCY = 6;

    record Outage(String mode, long began, long ready) {
    }

    @Test
    void theServiceRecoversByItselfWhenPostgresRestartsUnderLoad() throws Exception {
        try (var postgres = PrivatePostgres.start(); var registry = new StubIdentityRegistry();
             var service = ServiceProcess.withFreshDatabase("postgres_restart", postgres.port());
             var operator = new OpsFollower()) {
            service.start("reliability-postgres-restart", "--ekabinet.identity-registry.mode=http",
                    "--ekabinet.identity-registry.base-url=" + registry.baseUrl());
            Journal journal = new Journal();
            MixedLoad load = MixedLoad.signUp(service, journal, CITIZENS);
            load.fund(300_00);
            MixedLoad.publishSession(service, "reliability-restart", 25_00);
            load.prepareApplications(service, ApplicationClient.DEMO_SESSION, 50_00);
            load.prepareApplications(service, "reliability-restart", 25_00);

            Invariants invariants = new Invariants(service);
            operator.follow(service);
            List<Outage> outages = new ArrayList<>();
            List<String> figures = new ArrayList<>();
            for (String mode : List.of("fast", "immediate")) {
                int repeatedBefore = load.repeated();
                AtomicBoolean stop = new AtomicBoolean();
                CompletableFuture<Void> running = load.continuous(CONCURRENCY, stop::get).then().toFuture();
                Thread.sleep(LOAD_BEFORE_AND_AFTER.toMillis()); // the load runs meanwhile
                long began = load.now();
                postgres.restart(mode);
                Outage outage = new Outage(mode, began, load.now());
                outages.add(outage);
                await().atMost(RECOVERY_BOUND.plusSeconds(30)).pollInterval(Duration.ofMillis(50))
                        .until(() -> firstSuccessAfter(journal, outage, this::isWrite).isPresent()
                                && firstSuccessAfter(journal, outage, this::isRead).isPresent());
                Thread.sleep(LOAD_BEFORE_AND_AFTER.toMillis());
                stop.set(true);
                running.get(2, TimeUnit.MINUTES);
                load.repeatUntold();

                Predicate<Answer> cleanFailureWhileDown = answer -> answer.status() == 503
                        && "SERVICE_UNAVAILABLE".equals(answer.code())
                        && answer.contentType().startsWith("application/problem+json")
                        && outages.stream().anyMatch(o -> answer.endedNanos() >= o.began()
                                && answer.endedNanos() <= o.ready() + RECOVERY_BOUND.toNanos());
                assertThat(journal.unexpected(cleanFailureWhileDown)).as("every failure is a clean 503 while the "
                        + "database is down or coming back, none afterwards").isEmpty();
                for (Predicate<Answer> kind : List.<Predicate<Answer>>of(this::isWrite, this::isRead)) {
                    Answer first = firstSuccessAfter(journal, outage, kind).orElseThrow();
                    assertThat(Duration.ofNanos(first.endedNanos() - outage.ready())).as("recovered after the %s "
                            + "restart by itself within %s", mode, RECOVERY_BOUND).isLessThan(RECOVERY_BOUND);
                }
                Duration caughtUp = invariants.assertHold(journal);
                operator.assertSawEveryActivity(service.jdbc());
                figures.add(figures(journal, outage, load.repeated() - repeatedBefore, caughtUp));
            }
            Report.write("postgres-restart", List.of(
                    "PostgreSQL restarted under a mixed load (%d clients at a time, %d citizens), the service untouched"
                            .formatted(CONCURRENCY, CITIZENS),
                    "", journal.summary() + "; acknowledged but lost: 0; an operator following the ops stream saw "
                            + "every activity once, in order, over " + operator.connections() + " connections", "",
                    "| restart | PostgreSQL down | failed answers (all 503) | last failure after it was back "
                            + "| first write / read after it was back | steps repeated by clients "
                            + "| streaming projections caught up after the load |",
                    "| --- | --- | --- | --- | --- | --- | --- |"), figures);
        }
    }

    private boolean isWrite(Answer answer) {
        return List.of("credit", "transfer confirmation", "application confirmation").contains(answer.step());
    }

    private boolean isRead(Answer answer) {
        return answer.step().equals("balance");
    }

    /** The first success of a request sent after PostgreSQL accepted connections again. */
    private static Optional<Answer> firstSuccessAfter(Journal journal, Outage outage, Predicate<Answer> kind) {
        return journal.answers().stream()
                .filter(a -> kind.test(a) && a.success() && a.startedNanos() >= outage.ready())
                .min((a, b) -> Long.compare(a.endedNanos(), b.endedNanos()));
    }

    private String figures(Journal journal, Outage outage, int repeated, Duration caughtUp) {
        List<Answer> failed = journal.answers().stream().filter(a -> !a.success() && !a.expectedRefusal()
                && a.endedNanos() >= outage.began()).toList();
        long lastFailure = failed.stream().mapToLong(Answer::endedNanos).max().orElse(outage.ready());
        return "| %s | %s | %d | %s | %s / %s | %d | %s |".formatted(outage.mode(),
                nanos(outage.ready() - outage.began()), failed.size(), nanos(Math.max(0, lastFailure - outage.ready())),
                nanos(firstSuccessAfter(journal, outage, this::isWrite).orElseThrow().endedNanos() - outage.ready()),
                nanos(firstSuccessAfter(journal, outage, this::isRead).orElseThrow().endedNanos() - outage.ready()),
                repeated, Report.seconds(caughtUp));
    }

    private static String nanos(long nanos) {
        return Report.seconds(Duration.ofNanos(nanos));
    }
}
