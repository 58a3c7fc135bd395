package az.ekabinet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One run of Gatling's deadline-day simulation (the Maven project src-it/deadline-day, a process of its own: Gatling
 * needs a newer Netty than the service's) against a base URL, at one arrival rate; its figures come from the answers
 * the simulation wrote down, its HTML report stays in {@code target/deadline-day/reports}.
 */
final class GatlingRun {

    /** A served request's p99 at most this: the rate is sustained. */
    static final long SUSTAINED_P99_MILLIS = 500;
    private static final Path PROJECT_ROOT = Path.of("..");
    private static final Pattern REPORT = Pattern.compile("open the following file: (\\S+)");

    /** One request as the simulation wrote it down; status 0: no answer within the client's patience. */
    record Answer(String step, String subject, int status, long millis, long sent) {

        boolean served() {
            return status >= 200 && status < 300;
        }
    }

    /** The injection: {@code rate} arrivals a second for {@code seconds}, then {@code afterRate} for {@code afterSeconds}. */
    record Injection(double rate, int seconds, double afterRate, int afterSeconds, int streams) {
    }

    /**
     * What a run's surge did (the requests sent during its {@code seconds}), latencies in ms: arrivals, served (2xx),
     * refused (503), timeouts (no answer), other answers; and how many seconds after the surge the rest of the run was
     * normal again (each second's served p99 ≤ 500 ms, nothing lost, refusals no more than at R* and no burst of them;
     * see {@link #recoverySeconds}), null if not within the run; where the machine's CPU went
     * during the surge (nodes / load generator / PostgreSQL and the rest / idle).
     */
    record Figures(Injection injection, int arrivals, int served, int refused, int timeouts, int other,
                   long servedP50, long servedP99, long refusedP99, Map<String, Long> servedP99ByStep,
                   Map<String, Long> refusedByStep, Integer recoverySeconds, String cpu, String report) {

        double goodput() {
            return served / (double) injection.seconds();
        }

        /** No timeout, no other answer, at most 1 % refused. */
        boolean nothingLost() {
            return timeouts == 0 && other == 0 && served >= 0.99 * arrivals;
        }

        String slowestStep() {
            return servedP99ByStep.entrySet().stream().max(Map.Entry.comparingByValue())
                    .map(e -> e.getKey() + " " + e.getValue() + " ms").orElse("—");
        }

        /** The refusals and the steps of the mix they fell on: "7 (log in 6, credit a code 1)"; "0". */
        String refusedSteps() {
            return refused == 0 ? "0" : refused + " (" + refusedByStep.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + ")";
        }
    }

    record Outcome(Figures figures, List<Answer> answers) {
    }

    private GatlingRun() {
    }

    static Outcome run(String baseUrl, List<Long> nodes, Path data, String name, Injection injection)
            throws IOException, InterruptedException {
        Path log = data.resolve(name + ".log");
        Path reports = Path.of("target", "deadline-day", "reports").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(PROJECT_ROOT.resolve("mvnw").toAbsolutePath().toString(), "-B",
                "-f", "src-it/deadline-day/pom.xml", "gatling:test",
                "-Dload.reports=" + reports,
                "-Dload.description=" + name,
                "-Dload.base-url=" + baseUrl, "-Dload.data=" + data.toAbsolutePath(), "-Dload.run=" + name,
                "-Dload.rate=" + injection.rate(), "-Dload.duration=" + injection.seconds(),
                "-Dload.after-rate=" + injection.afterRate(), "-Dload.after-duration=" + injection.afterSeconds(),
                "-Dload.streams=" + injection.streams()));
        Process gatling = new ProcessBuilder(command).directory(PROJECT_ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try (MachineCpu cpu = MachineCpu.sample(nodes, gatling.toHandle())) {
            if (!gatling.waitFor(injection.seconds() + injection.afterSeconds() + 300L, TimeUnit.SECONDS)) {
                gatling.destroyForcibly();
                throw new IllegalStateException("Gatling did not finish; see " + log);
            }
            String output = Files.readString(log);
            if (gatling.exitValue() != 0) {
                throw new IllegalStateException("Gatling failed (" + gatling.exitValue() + "); see " + log);
            }
            Matcher report = REPORT.matcher(output);
            List<Answer> answers = read(data.resolve("answers-" + name + ".csv"));
            long start = answers.stream().mapToLong(Answer::sent).min().orElse(0);
            return new Outcome(figures(injection, answers, cpu.between(start, start + injection.seconds() * 1000L),
                    report.find() ? report.group(1) : "(no report)"), answers);
        }
    }

    static List<Answer> read(Path file) throws IOException {
        return Files.readAllLines(file).stream().skip(1).map(line -> line.split(",", -1))
                .map(f -> new Answer(f[0], f[1], Integer.parseInt(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4])))
                .toList();
    }

    static Figures figures(Injection injection, List<Answer> answers, String cpu, String report) {
        long start = answers.stream().mapToLong(Answer::sent).min().orElse(0);
        long surgeEnd = start + injection.seconds() * 1000L;
        List<Answer> surge = answers.stream().filter(a -> a.sent() < surgeEnd).toList();
        Map<String, Long> p99ByStep = surge.stream().filter(Answer::served).collect(Collectors.groupingBy(
                Answer::step, TreeMap::new, Collectors.collectingAndThen(Collectors.toList(), step -> percentile(
                        step.stream().mapToLong(Answer::millis).toArray(), 0.99))));
        long[] served = surge.stream().filter(Answer::served).mapToLong(Answer::millis).toArray();
        long[] refused = surge.stream().filter(a -> a.status() == 503).mapToLong(Answer::millis).toArray();
        int timeouts = (int) surge.stream().filter(a -> a.status() == 0).count();
        Map<String, Long> refusedByStep = surge.stream().filter(a -> a.status() == 503)
                .collect(Collectors.groupingBy(Answer::step, TreeMap::new, Collectors.counting()));
        return new Figures(injection, surge.size(), served.length, refused.length, timeouts,
                surge.size() - served.length - refused.length - timeouts, percentile(served, 0.5),
                percentile(served, 0.99), percentile(refused, 0.99), p99ByStep, refusedByStep,
                recoverySeconds(answers, surgeEnd, injection.afterSeconds()), cpu, report);
    }

    /**
     * The first second after the surge from which the rest of the run is normal, as Gatling saw it: every second's
     * served p99 within 500 ms, nothing lost (every answer served or refused), and refusals as a sustained step of the
     * R* search may have them, at most 1 % over the rest of the run and no burst (at most one a second, or 1 % of a
     * second's answers if that is more): at normal load a login is refused now and then, when both of a node's hashing
     * slots are busy for longer than HAProxy's queue waits. Null if no such second.
     */
    private static Integer recoverySeconds(List<Answer> answers, long surgeEnd, int afterSeconds) {
        for (int second = 0; second < afterSeconds; second++) {
            long from = surgeEnd + second * 1000L;
            List<Answer> rest = answers.stream().filter(a -> a.sent() >= from).toList();
            long refused = rest.stream().filter(a -> a.status() == 503).count();
            boolean everySecondNormal = rest.stream().collect(Collectors.groupingBy(a -> (a.sent() - surgeEnd) / 1000))
                    .values().stream().allMatch(GatlingRun::normalSecond);
            if (!rest.isEmpty() && everySecondNormal && refused <= 0.01 * rest.size()) {
                return second;
            }
        }
        return null;
    }

    private static boolean normalSecond(List<Answer> inSecond) {
        long refused = inSecond.stream().filter(a -> a.status() == 503).count();
        return inSecond.stream().allMatch(a -> a.served() || a.status() == 503)
                && refused <= Math.max(1, 0.01 * inSecond.size())
                && percentile(inSecond.stream().filter(Answer::served).mapToLong(Answer::millis).toArray(), 0.99)
                        <= SUSTAINED_P99_MILLIS;
    }

    /** The percentile of unsorted values (Load's nearest rank); 0 of nothing. */
    private static long percentile(long[] values, double quantile) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return Load.percentile(sorted, quantile);
    }
}
