package az.ekabinet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.bench.GatlingRun.Answer;
import az.ekabinet.bench.GatlingRun.Figures;
import az.ekabinet.bench.GatlingRun.Injection;
import az.ekabinet.domain.exam.application.ApplicationConfirmed;
import az.ekabinet.domain.payment.PaymentCodeRedeemed;
import az.ekabinet.it.reliability.Invariants;
import az.ekabinet.it.support.Cluster;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Deadline day as an open flood through HAProxy, against one node and then two (the runnable jar, this machine's
 * PostgreSQL): Gatling's simulation (src-it/deadline-day) injects citizens at a fixed arrival rate, whatever the
 * service's pace. The rate steps up by a quarter from 60/s ({@code bench.deadline-first-rate}) until a step is no
 * longer sustained (a served request's p99 over 500 ms for some step of the mix, more than 1 % refused, or anything
 * lost): R* is the last one sustained (should 60/s not be, the rate steps down until one is). Then twice and four
 * times R* for {@value #SURGE_SECONDS} s, each followed by half R*: what the surge served (goodput), how quickly
 * admitted requests were answered and the rest refused, whether any client timed out, how soon the rest of the run
 * was normal again, as a sustained step is; and after all runs, the money invariants over everything the clients were told, and that no refused
 * request changed anything.
 *
 * <pre>./mvnw -B -q install -DskipTests && ./mvnw -B verify -Pbench -pl src-it -Dtest=DeadlineDayBenchmark</pre>
 */
@Tag("benchmark")
class DeadlineDayBenchmark {

    static final int MIN_NODES = Integer.getInteger("bench.deadline-min-nodes", 1);
    static final int MAX_NODES = Integer.getInteger("bench.deadline-max-nodes", 2);
    /**
     * An R* to take as given instead of stepping to it ({@code -Dbench.deadline-capacity=75}): only the surges are
     * run, to compare settings at the same arrival rates.
     */
    static final double GIVEN_CAPACITY = Double.parseDouble(System.getProperty("bench.deadline-capacity", "0"));
    static final int CITIZENS = Integer.getInteger("bench.deadline-citizens", 200);
    static final int PRINTABLE = 50;
    /** The shortest step; a step lasts long enough for the rarest step of the mix to be answered 100 times. */
    static final int STEP_SECONDS = Integer.getInteger("bench.deadline-step-seconds", 20);
    static final int LONGEST_STEP_SECONDS = 60;
    static final double RAREST_SHARE = 0.03;
    static final int SURGE_SECONDS = 30;
    static final int AFTER_SECONDS = 20;
    static final double FIRST_RATE = Double.parseDouble(System.getProperty("bench.deadline-first-rate", "60"));
    static final double STEP = 1.25;
    /** The R* search steps down from the first rate, should that not be sustained, no lower than this. */
    static final int LOWEST_RATE = 20;
    static final int STREAMS = Integer.getInteger("bench.deadline-streams", 200);
    /** Settings for every node, to compare them: {@code -Dbench.deadline-node-args=--ekabinet.passwords.parallelism=1}. */
    static final String[] NODE_ARGUMENTS = System.getProperty("bench.deadline-node-args", "").isBlank() ? new String[0]
            : System.getProperty("bench.deadline-node-args").split(" ");
    /** At least the shares of DeadlineDay's mix that consume what was seeded: a payment to credit, a fee to pay. */
    static final double CREDITS_SHARE = 0.08;
    static final double CONFIRMATIONS_SHARE = 0.03;

    private final List<String> steps = new ArrayList<>();
    private final List<String> overload = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    @Test
    void openLoopThroughHaproxyWithOneAndTwoNodes() throws Exception {
        for (int nodes = MIN_NODES; nodes <= MAX_NODES; nodes++) {
            try (Cluster cluster = Cluster.start("deadline-" + nodes, nodes, NODE_ARGUMENTS)) {
                DeadlineDayData data = DeadlineDayData.seed(cluster,
                        Path.of("target", "deadline-day", nodes + "-nodes"), CITIZENS, PRINTABLE);
                run(cluster, data, "warm-up", new Injection(FIRST_RATE, stepSeconds(FIRST_RATE), 0, 0, STREAMS));
                Figures sustained = GIVEN_CAPACITY > 0 ? null : capacity(cluster, data, nodes);
                if (sustained == null && GIVEN_CAPACITY == 0) {
                    problems.add(nodes + " node(s): not even " + LOWEST_RATE + "/s sustained");
                    continue;
                }
                double capacity = GIVEN_CAPACITY > 0 ? GIVEN_CAPACITY : sustained.injection().rate();
                for (int times : new int[] {2, 4}) {
                    Injection injection = new Injection(times * capacity, SURGE_SECONDS, capacity / 2, AFTER_SECONDS,
                            STREAMS);
                    Figures surge = run(cluster, data, times + "x", injection);
                    overload.add(overloadRow(nodes, capacity, times, surge, serviceSide(cluster, data, times + "x",
                            injection)));
                }
                new Invariants(cluster).assertHold(data.journal());
            }
        }
        print();
        assertThat(problems).isEmpty();
    }

    /**
     * R*: the rate steps up by a quarter from the first one while each step is sustained; should the first one not
     * be, it steps down instead (each step the one above divided by 1.25) until one is, to no less than
     * {@value #LOWEST_RATE}/s. The sustained step at the highest rate, or null.
     */
    private Figures capacity(Cluster cluster, DeadlineDayData data, int nodes) throws Exception {
        Figures sustained = null;
        for (double rate = FIRST_RATE; ; rate *= STEP) {
            Figures step = sustainedStep(cluster, data, nodes, rate);
            if (step == null) {
                break;
            }
            sustained = step;
        }
        for (double rate = FIRST_RATE / STEP; sustained == null && rate >= LOWEST_RATE; rate /= STEP) {
            sustained = sustainedStep(cluster, data, nodes, rate);
        }
        return sustained;
    }

    /** One step of the R* search, its row in the table; its figures if it was sustained, otherwise null. */
    private Figures sustainedStep(Cluster cluster, DeadlineDayData data, int nodes, double rate) throws Exception {
        String name = "step-" + Math.round(rate);
        Injection injection = new Injection(rate, stepSeconds(rate), 0, 0, STREAMS);
        Figures step = run(cluster, data, name, injection);
        BalancerLog.Figures service = serviceSide(cluster, data, name, injection);
        steps.add(stepRow(nodes, step, service));
        return sustained(step, service) ? step : null;
    }

    /**
     * Sustained: nothing lost and at most 1 % refused, as Gatling was answered; and every request's p99 within 500 ms
     * as the service answered it (HAProxy's time). Gatling's own p99 per step is shown beside it: on cores it shares
     * with the service, its own delays reach hundreds of ms while the service's answers stay quick.
     */
    static boolean sustained(Figures client, BalancerLog.Figures service) {
        return client.nothingLost() && service.within(GatlingRun.SUSTAINED_P99_MILLIS);
    }

    /** A p99 of 100 answers is the slowest but one; of fewer, it is merely the slowest. */
    static int stepSeconds(double rate) {
        return (int) Math.min(LONGEST_STEP_SECONDS, Math.max(STEP_SECONDS, Math.ceil(100 / (RAREST_SHARE * rate))));
    }

    /** One Gatling run with its consumable feeders prepared; the money it moved goes into the journal. */
    private Figures run(Cluster cluster, DeadlineDayData data, String name, Injection injection) throws Exception {
        double arrivals = injection.rate() * injection.seconds() + injection.afterRate() * injection.afterSeconds();
        data.prepare((int) Math.ceil(arrivals * CREDITS_SHARE * 1.3) + 20,
                (int) Math.ceil(arrivals * CONFIRMATIONS_SHARE * 1.3) + 20);
        List<Long> nodes = java.util.stream.IntStream.range(0, cluster.size()).mapToObj(i -> cluster.node(i).pid())
                .toList();
        GatlingRun.Outcome outcome = GatlingRun.run(cluster.baseUrl(), nodes, data.directory(), name, injection);
        data.record(outcome.answers());
        refusalsChangedNothing(cluster, name, outcome.answers());
        return outcome.figures();
    }

    /** The surge as HAProxy saw it: the requests it accepted during the surge's seconds, from the run's first one. */
    private static BalancerLog.Figures serviceSide(Cluster cluster, DeadlineDayData data, String run,
                                                   Injection injection) throws IOException {
        long start = GatlingRun.read(data.directory().resolve("answers-" + run + ".csv")).stream()
                .mapToLong(Answer::sent).min().orElseThrow();
        return BalancerLog.figures(BalancerLog.read(cluster.balancerLog(), ZoneId.systemDefault()), start,
                start + injection.seconds() * 1000L);
    }

    /** A refused (503) credit redeemed no code, a refused confirmation confirmed nothing, a refused payment is unknown. */
    private void refusalsChangedNothing(Cluster cluster, String run, List<Answer> answers) {
        String[] credits = refused(answers, "credit a code");
        String[] confirmations = refused(answers, "confirm with the fee");
        String[] payments = refused(answers, "provider notification");
        Integer changed = cluster.jdbc().queryForObject("""
                SELECT count(*) FROM domainevententry
                WHERE (payloadtype = ? AND substring(aggregateidentifier from 9) = ANY(?))
                   OR (payloadtype = ? AND convert_from(payload, 'UTF8')::jsonb ->> 'applicationNumber' = ANY(?))
                   OR (aggregateidentifier LIKE 'payment:%' AND substring(aggregateidentifier from 9) = ANY(?))""",
                Integer.class, PaymentCodeRedeemed.class.getName(), credits, ApplicationConfirmed.class.getName(),
                confirmations, payments);
        if (changed != 0) {
            problems.add(run + ": %d events of refused requests (%d credits, %d confirmations, %d payments refused)"
                    .formatted(changed, credits.length, confirmations.length, payments.length));
        }
    }

    private static String[] refused(List<Answer> answers, String step) {
        return answers.stream().filter(a -> a.step().equals(step) && a.status() == 503).map(Answer::subject)
                .toArray(String[]::new);
    }

    private static String stepRow(int nodes, Figures f, BalancerLog.Figures s) {
        return "| %d | %.0f/s for %d s | %d | %.0f/s | %d / %d ms | %s | %d / %d ms | %s | %s | %d | %d | %s | %s |"
                .formatted(nodes, f.injection().rate(), f.injection().seconds(), f.arrivals(), f.goodput(),
                        f.servedP50(), f.servedP99(), f.slowestStep(), s.admittedP50(), s.admittedP99(), s.slowest(),
                        f.refusedSteps(), f.timeouts(), f.other(), f.cpu(), mark(sustained(f, s)));
    }

    private static String overloadRow(int nodes, double capacity, int times, Figures f, BalancerLog.Figures s) {
        return ("| %d | %.0f/s (%d× R* %.0f/s) | %.0f/s (%.2f R*) %s | %d / %d ms %s | %d (%.0f %%), p99 %d ms %s "
                + "| %d / %d ms %s | %d by HAProxy + %d by the nodes, p99 %d ms %s "
                + "| %d %s | %s | %s | %s |").formatted(nodes, f.injection().rate(), times, capacity, f.goodput(),
                f.goodput() / capacity, mark(f.goodput() >= 0.9 * capacity), f.servedP50(), f.servedP99(),
                mark(f.servedP99() <= 1000), f.refused(), 100.0 * f.refused() / f.arrivals(), f.refusedP99(),
                mark(f.refusedP99() <= 50), s.admittedP50(), s.admittedP99(), mark(s.admittedP99() <= 1000),
                s.refusedByBalancer(), s.refusedByNodes(), s.refusedP99(), mark(s.refusedP99() <= 50), f.timeouts(),
                mark(f.timeouts() == 0),
                f.recoverySeconds() == null ? "not within " + AFTER_SECONDS + " s ✘"
                        : f.recoverySeconds() + " s " + mark(f.recoverySeconds() <= 10), f.cpu(), f.report());
    }

    private static String mark(boolean met) {
        return met ? "✔" : "✘";
    }

    private void print() throws Exception {
        List<String> table = new ArrayList<>();
        table.add("Deadline day, open-loop (Gatling) through HAProxy, on %d cores, Java %s; %d citizens, %d status "
                .formatted(Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), CITIZENS,
                        STREAMS) + "streams open throughout");
        table.add("");
        table.add(("R*: the arrival rate stepped up by a quarter until a step is not sustained (every request's served "
                + "p99 ≤ 500 ms as HAProxy measured it, ≥ 99 %% served and nothing lost as Gatling was answered); each "
                + "step %d–%d s, long enough for the rarest step of the mix to be answered 100 times")
                .formatted(STEP_SECONDS, LONGEST_STEP_SECONDS));
        table.add("");
        table.add("| nodes | arrival rate | arrivals | goodput | served p50 / p99 (Gatling) | slowest step (p99, Gatling) "
                + "| served p50 / p99 (HAProxy) | slowest request (p99, HAProxy) | refused (by step of the mix) | timeouts | other "
                + "| CPU: nodes / load generator / PostgreSQL and the rest / idle | sustained |");
        table.add("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        table.addAll(steps);
        table.add("");
        table.add(("Overload: %d s at 2× and 4× R*, then %d s at half R* (targets: goodput ≥ 0.9 R*, admitted p99 "
                + "≤ 1 s, refusals answered within 50 ms, no timeout, every second normal again within 10 s). "
                + "Latencies twice: as Gatling saw them, and as HAProxy did (from accepting a request to the answer "
                + "leaving it: the service's own time, without the load generator's delays on the cores it shares)")
                .formatted(SURGE_SECONDS, AFTER_SECONDS));
        table.add("");
        table.add("| nodes | arrival rate | goodput | admitted p50 / p99 (Gatling) | refused (Gatling) "
                + "| admitted p50 / p99 (HAProxy) | refused (HAProxy) | timeouts | back to normal "
                + "| CPU: nodes / load generator / PostgreSQL and the rest / idle | Gatling's report |");
        table.add("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        table.addAll(overload);
        ServiceBenchmark.show("deadline-day.md", table);
    }

    static {
        Locale.setDefault(Locale.ROOT);
    }
}
