package az.ekabinet.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import az.ekabinet.bench.Load.Result;
import az.ekabinet.domain.ledger.verifier.LedgerVerifier;
import az.ekabinet.it.support.AdminClient;
import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.OpsStreams;
import az.ekabinet.it.support.ProviderClient;
import az.ekabinet.it.support.RunningService;
import az.ekabinet.it.support.ServiceProcess;
import az.ekabinet.it.support.StubIdentityRegistry;
import az.ekabinet.it.support.WalletLedger;
import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The hot paths of the real service (the runnable jar, its own database) measured over HTTP, each beside its
 * baseline measured in the same run on the same database, because absolute figures drift between machines and
 * runs. Prints a table and writes it to {@code target/benchmark.md}. Not part of the default test run:
 * {@code ./mvnw -B -q install -DskipTests && ./mvnw -B verify -Pbench -pl src-it}.
 */
@Tag("benchmark")
class ServiceBenchmark {

    static final int CONCURRENCY = 32;
    static final int CITIZENS = 64;
    static final int WRITES = Integer.getInteger("bench.writes", 3000);
    static final int READS = Integer.getInteger("bench.reads", 10000);
    static final int WARM_UP = Integer.getInteger("bench.warm-up", 2000);
    static final String PASSWORD = "a benchmark password";
    /** The share of a core under which the service's JIT compiler counts as done warming up. */
    static final double QUIET_COMPILER = 0.05;
    static final Duration WARM_UP_ROUND = Duration.ofSeconds(5);
    static final Duration MAX_WARM_UP = Duration.ofSeconds(Long.getLong("bench.max-warm-up-seconds", 120));
    static final int LEDGER_EVENTS = Integer.getInteger("bench.ledger-events", 1_000_000);
    static final int LEDGER_REPLAYS = Integer.getInteger("bench.ledger-replays", 3);
    static final int OPS_SUBSCRIBERS = Integer.getInteger("bench.ops-subscribers", 10_000);
    static final int RESULT_LINES = Integer.getInteger("bench.result-lines", 100_000);
    /** Measured imports of {@link #RESULT_LINES} new results each, into a session each: their median is the figure. */
    static final int RESULT_IMPORTS = 3;
    /**
     * The measured files' application numbers, one range after another: far above any the run's own applications get
     * (100001 on).
     */
    static final int FIRST_RESULT_NUMBER = 600_000;
    /**
     * The warm-up imports' numbers, in files of {@value #WARM_UP_FILE_LINES} lines: at most one and a half times the
     * measured file, since the session's results aggregate keeps each of them in the service's heap.
     */
    static final int FIRST_WARM_UP_NUMBER = 400_000;
    static final int WARM_UP_FILES = 15;
    static final int WARM_UP_FILE_LINES = 10_000;
    static final int COPIES = 3;
    static final int LOGIN_FLOOD_SMALL = 64;
    static final int LOGIN_FLOOD_LARGE = 512;
    static final Duration LOGIN_FLOOD_LENGTH = Duration.ofSeconds(20);

    private final List<String> rows = new ArrayList<>();
    private final List<String> cpuRows = new ArrayList<>();
    private final List<String> databaseRows = new ArrayList<>();
    /** Loads measured by a path that must have had no failure, checked once the table is printed. */
    private final List<Result> loads = new ArrayList<>();
    /** What went wrong in a path, checked once the table is printed. */
    private final List<String> failures = new ArrayList<>();
    private long servicePid;
    /** The service's database, as the harness reaches it. */
    private JdbcTemplate database;

    @Test
    void hotPathsAgainstTheirBaselines() throws Exception {
        try (var registry = new StubIdentityRegistry(); var service = ServiceProcess.withFreshDatabase("bench")) {
            String[] arguments = {"--ekabinet.identity-registry.mode=http",
                    "--ekabinet.identity-registry.base-url=" + registry.baseUrl(),
                    "--ekabinet.sms.max-per-address-per-hour=100000"}; // all its citizens register from here
            Duration startup = service.start("benchmark", arguments);
            try (HikariDataSource pool = pool(service.jdbcUrl())) {
                JdbcTemplate jdbc = new JdbcTemplate(pool);
                database = jdbc;
                WebClient client = client(service.baseUrl());
                List<String> tokens = register(service);
                MemorySampler memory = new MemorySampler(service);
                servicePid = service.pid();

                jdbc.execute("CREATE TABLE bench_row (id BIGSERIAL PRIMARY KEY, payload VARCHAR(64) NOT NULL)");
                Result credits = null;
                if (measures("credits")) {
                    // every path runs unmeasured first (the HTTP paths until the service's JIT compiler is quiet)
                    Load.blocking("warm-up", CONCURRENCY, WARM_UP, i -> jdbc.update(
                            "INSERT INTO bench_row (payload) VALUES (?)", "warm-up " + i));
                    DatabaseWork before = DatabaseWork.now(jdbc);
                    Result inserts = Load.blocking("single-row insert transactions (JDBC)", CONCURRENCY, WRITES,
                            i -> jdbc.update("INSERT INTO bench_row (payload) VALUES (?)", "row " + i));
                    String insertWork = DatabaseWork.now(jdbc).perOperationSince(before, WRITES);
                    List<String> codes = paymentsReceived(service, client, WRITES);
                    WarmUp warmUp = warmUp(() -> {
                        List<String> round = paymentsReceived(service, client, WARM_UP / 2);
                        return Load.reactive("warm-up", CONCURRENCY, round.size(), i -> post(client,
                                tokens.get(i % CITIZENS), "/api/me/wallet/credits",
                                "{\"paymentCode\":\"" + round.get(i) + "\"}", 201));
                    });
                    before = DatabaseWork.now(jdbc);
                    credits = memory.during(() -> cpu("crediting a payment code", () -> Load.reactive(
                            "credit a payment code (HTTP)", CONCURRENCY, WRITES,
                            i -> post(client, tokens.get(i % CITIZENS), "/api/me/wallet/credits",
                                    "{\"paymentCode\":\"" + codes.get(i) + "\"}", 201))));
                    databaseRows.add("| crediting a payment code | %s | single-row insert: %s |".formatted(
                            DatabaseWork.now(jdbc).perOperationSince(before, WRITES), insertWork));
                    row("crediting a payment code over HTTP", warmUp, credits, inserts, 0.35);
                }
                Result balances = null;
                Result idle = null;
                if (measures("balances")) {
                    jdbc.update("INSERT INTO bench_row (payload) SELECT 'row ' || i FROM generate_series(1, ?) i", WRITES);
                    Load.Blocking select = i -> jdbc.queryForObject("SELECT payload FROM bench_row WHERE id = ?",
                            String.class, 1 + i % WRITES);
                    Load.blocking("warm-up", CONCURRENCY, WARM_UP, select);
                    DatabaseWork before = DatabaseWork.now(jdbc);
                    Result selects = Load.blocking("primary-key selects (JDBC)", CONCURRENCY, READS, select);
                    String selectWork = DatabaseWork.now(jdbc).perOperationSince(before, READS);
                    java.util.function.IntFunction<Mono<Boolean>> balance = i -> client.get().uri("/api/me/wallet")
                            .headers(h -> h.setBearerAuth(tokens.get(i % CITIZENS)))
                            .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value() == 200));
                    WarmUp balanceWarmUp = warmUp(() -> Load.reactive("warm-up", CONCURRENCY, WARM_UP, balance));
                    before = DatabaseWork.now(jdbc);
                    balances = memory.during(() -> cpu("reading the balance", () -> Load.reactive(
                            "read the balance (HTTP)", CONCURRENCY, READS, balance)));
                    databaseRows.add("| reading the balance | %s | primary-key select: %s |".formatted(
                            DatabaseWork.now(jdbc).perOperationSince(before, READS), selectWork));
                    row("reading the balance over HTTP (authenticated)", balanceWarmUp, balances, selects, 0.35);
                    // the ceiling of any HTTP path on this machine: the same load generator, a request that does nothing
                    java.util.function.IntFunction<Mono<Boolean>> liveness = i -> client.get()
                            .uri("/actuator/health/liveness")
                            .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value() == 200));
                    WarmUp livenessWarmUp = warmUp(() -> Load.reactive("warm-up", CONCURRENCY, WARM_UP, liveness));
                    idle = cpu("an HTTP request doing nothing", () -> Load.reactive(
                            "HTTP request doing nothing (liveness probe)", CONCURRENCY, READS, liveness));
                    rows.add(("| an HTTP request doing nothing (liveness probe): the ceiling of any HTTP path here "
                            + "| throughput, p50 / p99 at %d clients, %s | %.0f/s, %.1f / %.1f ms "
                            + "| primary-key selects (JDBC): %.0f/s | %.2f | — |").formatted(CONCURRENCY, livenessWarmUp, idle.perSecond(),
                            idle.p50Micros() / 1000.0, idle.p99Micros() / 1000.0, selects.perSecond(),
                            idle.perSecond() / selects.perSecond()));
                }
                if (measures("freshness")) {
                    freshness(service, client, jdbc, tokens);
                }
                if (measures("ops")) {
                    opsFanOut(service, jdbc);
                }
                if (measures("ledger")) {
                    ledgerReplay(service, jdbc);
                    ledgerProofs(service, client, jdbc);
                }
                if (measures("results")) {
                    resultsDay(service, client, jdbc);
                }
                if (measures("logins")) {
                    loginFlood(service);
                }
                // the first start competes with this JVM's own start (its compilers busy): started again on a quiet
                // machine as well, the median of three restarts
                List<Double> restarts = new ArrayList<>();
                for (int restart = 0; restart < 3; restart++) {
                    service.kill();
                    restarts.add(service.start("benchmark-restart", arguments).toMillis() / 1000.0);
                }
                rows.add(("| start-up | time to healthy: median of 3 restarts after the run (the first start, beside "
                        + "this JVM's own: %.1f s) | %.1f s (all: %s s) | — | — | ≤ 8 s |").formatted(
                        startup.toMillis() / 1000.0, median(restarts), listed(restarts)));
                rows.add("| footprint | resident memory under load (max) | %s | — | — | ≤ 600 MiB |".formatted(
                        memory.maxKib() == 0 ? "not measured (sampled during credits and balance reads)"
                                : memory.maxKib() / 1024 + " MiB"));
                print();
                for (Result result : java.util.stream.Stream.concat(java.util.stream.Stream.of(credits, balances, idle),
                        loads.stream()).filter(r -> r != null).toList()) {
                    assertThat(result.failures()).as("no failure in " + result.name()).isZero();
                }
                assertThat(failures).isEmpty();
            }
        }
    }

    /** Until the provider-payments projection has a row for each of these payments. */
    private static void awaitProjected(JdbcTemplate jdbc, List<String> paymentCodes) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM readmodel.provider_payment WHERE payment_code = ANY(?)", Integer.class,
                (Object) paymentCodes.toArray(String[]::new)) == paymentCodes.size());
    }

    /**
     * Freshness at half of the maximum load: provider payments are first posted flat out at {@value #CONCURRENCY}
     * clients to find the maximum rate at which they are acknowledged and projected, then at a steady half of it (an
     * open loop: the pace does not wait for the service), unmeasured until the service's JIT compiler is quiet, then
     * measured for about ten seconds (see {@link #pacedPayments}) beside the machine's own stalls in the same window
     * ({@link MachineStalls}). The wallet is written in the command's own transaction, so a credit's new balance is
     * visible at the acknowledgement itself; that is checked too.
     */
    private void freshness(ServiceProcess service, WebClient client, JdbcTemplate jdbc, List<String> tokens)
            throws Exception {
        ProviderClient bank = ProviderClient.demoBank(service.http(), Clock.systemUTC());
        List<String> flatOut = IntStream.range(0, WARM_UP + 2000).mapToObj(i -> Ids.paymentCode()).toList();
        Load.reactive("warm-up", CONCURRENCY, WARM_UP, i -> postPayment(client, bank, flatOut.get(i)));
        awaitProjected(jdbc, flatOut.subList(0, WARM_UP));
        long flatOutStarted = System.nanoTime();
        Result acknowledgedFlatOut = Load.reactive("payments at full load", CONCURRENCY, flatOut.size() - WARM_UP,
                i -> postPayment(client, bank, flatOut.get(WARM_UP + i)));
        List<String> measured = flatOut.subList(WARM_UP, flatOut.size());
        awaitProjected(jdbc, measured);
        // the maximum is the rate at which payments were acknowledged AND projected: acknowledgements alone run
        // ahead of the projections, which catch up afterwards, and half of that left the machine saturated
        double maxPerSecond = measured.size() / ((System.nanoTime() - flatOutStarted) / 1e9);
        double rate = maxPerSecond / 2;
        int operations = (int) Math.max(100, rate * 10);
        // at a steady half rate the processors take events one at a time, a pattern the flat-out run never showed
        WarmUp warmUp = warmUp(() -> pacedPayments(client, bank, jdbc, rate, operations));
        CpuShares.CompilerTime compiler = CpuShares.compilerTime(servicePid);
        List<Long> lags;
        String stalls;
        try (MachineStalls machine = MachineStalls.start()) {
            lags = cpu("freshness at half load", () -> pacedPayments(client, bank, jdbc, rate, operations));
            stalls = machine.summary();
        }
        double compilerMeasured = compiler.coresUsed();
        long[] sorted = lags.stream().mapToLong(Long::longValue).sorted().toArray();
        rows.add(("| freshness, streaming projection | payment acknowledged → in the read model, p50 / p99 (p90, max) at "
                + "%.0f/s (half of the %.0f/s acknowledged and projected at full load; acknowledged alone: %.0f/s), %s "
                + "at that pace; the compiler at %.0f %% of a core in the measured one | %.1f / %.1f ms (%.1f, %.1f) "
                + "| the machine meanwhile: %s | — | p99 ≤ 50 ms |")
                .formatted(rate, maxPerSecond, acknowledgedFlatOut.perSecond(), warmUp, 100 * compilerMeasured,
                        Load.percentile(sorted, 0.5) / 1e6, Load.percentile(sorted, 0.99) / 1e6,
                        Load.percentile(sorted, 0.9) / 1e6, sorted[sorted.length - 1] / 1e6, stalls));
        String token = tokens.get(0);
        for (int i = 0; i < 20; i++) {
            String code = Ids.paymentCode();
            bank.post(bank.notification(code, "2.00", "AA1234567")).expectStatus().isCreated();
            String balance = service.http().post().uri("/api/me/wallet/credits").headers(h -> h.setBearerAuth(token))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"paymentCode\":\"" + code + "\"}")
                    .exchange().expectStatus().isCreated().expectBody(JsonNode.class)
                    .returnResult().getResponseBody().get("balance").asText();
            String read = client.get().uri("/api/me/wallet").headers(h -> h.setBearerAuth(token)).retrieve()
                    .bodyToMono(JsonNode.class).block().get("balance").asText();
            assertThat(read).as("the balance read right after the credit's acknowledgement").isEqualTo(balance);
        }
        rows.add("| freshness, in-transaction read models | credit acknowledged → new balance readable | 0 ms (same "
                + "transaction; checked 20×) | — | — | ≤ 50 ms |");
    }

    /**
     * Posts {@code operations} payments at a steady {@code rate} (an open loop: the pace does not wait for the
     * service) while one poller looks up the acknowledged payments not yet seen in the streaming provider-payments
     * projection every millisecond; returns each payment's acknowledgement → first seen, in nanoseconds.
     */
    private static List<Long> pacedPayments(WebClient client, ProviderClient bank, JdbcTemplate jdbc, double rate,
                                            int operations) throws Exception {
        var acknowledged = new java.util.concurrent.ConcurrentHashMap<String, Long>();
        List<Long> lags = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong failures = new AtomicLong();
        var paced = Flux.interval(Duration.ofNanos((long) (1e9 / rate))).take(operations).onBackpressureBuffer()
                .flatMap(i -> {
                    String code = Ids.paymentCode();
                    return postPayment(client, bank, code).doOnNext(ok -> {
                        if (ok) {
                            acknowledged.put(code, System.nanoTime());
                        } else {
                            failures.incrementAndGet();
                        }
                    });
                }, 1024)
                .then().toFuture();
        while (!paced.isDone() || !acknowledged.isEmpty()) {
            List<String> pending = List.copyOf(acknowledged.keySet());
            if (!pending.isEmpty()) {
                List<String> seen = jdbc.query(connection -> {
                    var statement = connection.prepareStatement(
                            "SELECT payment_code FROM readmodel.provider_payment WHERE payment_code = ANY(?)");
                    statement.setArray(1, connection.createArrayOf("varchar", pending.toArray()));
                    return statement;
                }, (rs, row) -> rs.getString(1));
                long now = System.nanoTime();
                for (String code : seen) {
                    lags.add(now - acknowledged.remove(code));
                }
            }
            Thread.sleep(1);
        }
        paced.get();
        assertThat(failures.get()).as("payments refused at half load").isZero();
        return lags;
    }

    /**
     * {@value #OPS_SUBSCRIBERS} operators on the ops stream of one node: how long after a payment's acknowledgement
     * each of them has its activity, and the node's heap (max, sampled) while they are connected.
     */
    private void opsFanOut(ServiceProcess service, JdbcTemplate jdbc)
            throws Exception {
        String operator = new CitizenClient(service.http()).token(OpsStreams.OPERATOR, OpsStreams.OPERATOR_PASSWORD);
        ConnectionProvider connections = ConnectionProvider.builder("ops-bench").maxConnections(OPS_SUBSCRIBERS + 100)
                .pendingAcquireMaxCount(-1).build();
        var ops = new OpsStreams(WebClient.builder().baseUrl(service.baseUrl())
                .clientConnector(new org.springframework.http.client.reactive.ReactorClientHttpConnector(
                        HttpClient.create(connections))).build(), operator);
        long head = jdbc.queryForObject("SELECT coalesce(max(globalindex), 0) FROM domainevententry", Long.class);
        long[] receivedAt = new long[OPS_SUBSCRIBERS];
        var streams = reactor.core.Disposables.composite();
        AtomicLong heapMax = new AtomicLong();
        WebClient actuator = client(service.baseUrl());
        try {
            Flux.range(0, OPS_SUBSCRIBERS).flatMap(i -> Mono.<Void>create(connected -> {
                boolean[] first = {true};
                streams.add(ops.stream(null).subscribe(event -> {
                    if (first[0]) {
                        first[0] = false;
                        connected.success();
                    }
                    if (OpsStreams.isActivity(event) && OpsStreams.id(event) > head && receivedAt[i] == 0) {
                        receivedAt[i] = System.nanoTime();
                    }
                }, failure -> connected.error(failure)));
            }), 200).then().block(Duration.ofMinutes(5));
            heapMax.accumulateAndGet(heapUsed(actuator, operator), Math::max);
            ProviderClient bank = ProviderClient.demoBank(service.http(), Clock.systemUTC());
            String code = Ids.paymentCode();
            bank.post(bank.notification(code, "3.00", "AA1234567")).expectStatus().isCreated();
            long acknowledged = System.nanoTime();
            long until = acknowledged + Duration.ofSeconds(60).toNanos();
            while (java.util.Arrays.stream(receivedAt).anyMatch(t -> t == 0) && System.nanoTime() < until) {
                heapMax.accumulateAndGet(heapUsed(actuator, operator), Math::max);
                Thread.sleep(100);
            }
            long[] lags = java.util.Arrays.stream(receivedAt)
                    .map(t -> t == 0 ? Long.MAX_VALUE : Math.max(0, t - acknowledged)).sorted().toArray();
            long missing = java.util.Arrays.stream(receivedAt).filter(t -> t == 0).count();
            rows.add(("| ops stream fan-out | %,d subscribers: delivery p50 / p99 after the acknowledgement; node heap "
                    + "(max) | %.0f / %.0f ms%s; heap %d MiB | — | — | p99 ≤ 1 s, heap ≤ 512 MiB |").formatted(
                    OPS_SUBSCRIBERS, Load.percentile(lags, 0.5) / 1e6,
                    missing > lags.length / 100 ? Double.NaN : Load.percentile(lags, 0.99) / 1e6,
                    missing == 0 ? "" : " (" + missing + " never received it)", heapMax.get() / (1024 * 1024)));
        } finally {
            streams.dispose();
            connections.disposeLater().block(Duration.ofSeconds(30));
        }
    }

    /** jvm.memory.used for the heap, in bytes, from the service's own metrics. */
    private static long heapUsed(WebClient actuator, String operator) {
        var body = actuator.get().uri("/actuator/metrics/jvm.memory.used?tag=area:heap")
                .headers(h -> h.setBearerAuth(operator)).retrieve()
                .bodyToMono(JsonNode.class).block(Duration.ofSeconds(10));
        return (long) body.at("/measurements/0/value").asDouble();
    }

    /**
     * The ledger projection replayed over {@value #LEDGER_EVENTS} money events (written straight into the event store
     * as the service writes them: 10,000 wallets × 100 credits), each replay right after a sequential read of the event
     * table.
     */
    private void ledgerReplay(ServiceProcess service, JdbcTemplate jdbc) throws Exception {
        int wallets = LEDGER_EVENTS / 100;
        jdbc.update("""
                INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                    payload, payloadrevision, payloadtype, timestamp)
                SELECT 'wallet:cabinet:BENCH' || w, 0, 'Wallet', md5('opened ' || w)::uuid::text, convert_to('{}', 'UTF8'),
                    convert_to(json_build_object('walletId', 'wallet:cabinet:BENCH' || w, 'cabinetId', 'cabinet:BENCH' || w,
                        'cabinetNumber', (100000000 + w)::text, 'currency', 'AZN',
                        'openedAt', '2026-01-01T00:00:00Z')::text, 'UTF8'),
                    '1', 'az.ekabinet.domain.wallet.WalletOpened', '2026-01-01T00:00:00Z'
                FROM generate_series(1, ?) w""", wallets);
        jdbc.update("""
                INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                    payload, payloadrevision, payloadtype, timestamp)
                SELECT 'wallet:cabinet:BENCH' || w, c, 'Wallet', md5('credited ' || w || ' ' || c)::uuid::text,
                    convert_to('{}', 'UTF8'),
                    convert_to(json_build_object('walletId', 'wallet:cabinet:BENCH' || w, 'cabinetId', 'cabinet:BENCH' || w,
                        'amountQepik', 100, 'balanceAfterQepik', 100 * c, 'cause', 'PAYMENT_CODE:BENCH' || w || 'X' || c,
                        'creditedAt', '2026-01-02T00:00:00.123Z')::text, 'UTF8'),
                    '1', 'az.ekabinet.domain.wallet.FundsCredited', '2026-01-02T00:00:00.123Z'
                FROM generate_series(1, 100) c, generate_series(1, ?) w ORDER BY c, w""", wallets);
        long moneyEvents = jdbc.queryForObject("""
                SELECT count(*) FROM domainevententry WHERE payloadtype IN ('az.ekabinet.domain.wallet.FundsCredited',
                'az.ekabinet.domain.wallet.FundsDebited')""", Long.class);
        new WalletLedger(jdbc).awaitLedgerCaughtUp(Duration.ofMinutes(10)); // the live processor takes them in first

        AdminClient admin = AdminClient.demo(service.http());
        // each replay right after a sequential read, both taken several times and their medians compared: one
        // replay's time drifted by a third between runs here, and the read's by half between one run and the next
        List<Double> readSeconds = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        long[] read = {0};
        for (int replay = 0; replay < LEDGER_REPLAYS; replay++) {
            read[0] = 0;
            long readStarted = System.nanoTime();
            jdbc.query(connection -> {
                connection.setAutoCommit(false);
                var statement = connection.prepareStatement(
                        "SELECT globalindex, payloadtype, payload FROM domainevententry ORDER BY globalindex");
                statement.setFetchSize(1000);
                return statement;
            }, rs -> {
                read[0] += rs.getBytes(3).length > 0 ? 1 : 0;
            });
            readSeconds.add((System.nanoTime() - readStarted) / 1e9);

            seconds.add(cpu("replaying the ledger (" + (replay + 1) + " of " + LEDGER_REPLAYS + ")",
                    () -> replaySeconds(admin.replay("ledger", Duration.ofMinutes(10)))));
            assertThat(jdbc.queryForObject("SELECT count(*) FROM readmodel.ledger_entry", Long.class))
                    .as("the replayed ledger has every money event").isEqualTo(moneyEvents);
        }
        double replaySeconds = median(seconds);
        double replayRate = moneyEvents / replaySeconds;
        double readRate = read[0] / median(readSeconds);
        rows.add(("| replaying the ledger projection | events/s over %,d money events (%,d events in the store), median of "
                + "%d replays (started → finished, as the service reports them) | %,.0f/s (%.1f s; all: %s s) ").formatted(moneyEvents, read[0], LEDGER_REPLAYS, replayRate,
                replaySeconds, listed(seconds))
                + "| sequential read of the event table, before each replay: %,.0f/s (%.1f s; all: %s s) | %.2f | ≥ 0.50; 1M ≤ 60 s |"
                .formatted(readRate, median(readSeconds), listed(readSeconds), replayRate / readRate));

        // what PostgreSQL alone needs to write the same lines with their indexes, in one statement: no replay can
        // write faster than that
        jdbc.execute("CREATE TABLE bench_ledger_copy (LIKE readmodel.ledger_entry INCLUDING ALL)");
        long writeStarted = System.nanoTime();
        long copied = jdbc.update("INSERT INTO bench_ledger_copy SELECT * FROM readmodel.ledger_entry");
        double writeRate = copied / ((System.nanoTime() - writeStarted) / 1e9);
        jdbc.execute("DROP TABLE bench_ledger_copy");
        rows.add(("| writing the ledger's lines, PostgreSQL alone | lines/s: the %,d lines copied into a table like the "
                + "ledger (its indexes too) in one INSERT … SELECT | %,.0f/s | sequential read of the event table: "
                + "%,.0f/s | %.2f | — |").formatted(copied, writeRate, readRate, writeRate / readRate));
    }

    /**
     * The verifiable ledger (#23), over the replayed ledger of about a million lines: RFC 6962 inclusion and consistency
     * proofs over HTTP (public, no login) at random positions and sizes, beside the request doing nothing at the same
     * concurrency; then the offline verifier over the whole export (fetched over HTTP as an auditor does) with the
     * latest signed checkpoint, beside reading and hashing the same file once.
     */
    private void ledgerProofs(RunningService service, WebClient client, JdbcTemplate jdbc) throws Exception {
        long lines = jdbc.queryForObject("SELECT max(position) FROM readmodel.ledger_entry", Long.class);
        SplittableRandom random = new SplittableRandom(23);
        long[] positions = random.longs(READS, 1, lines + 1).toArray();
        long[] olderSizes = random.longs(READS, 1, lines).toArray();
        IntFunction<Mono<Boolean>> inclusion = i -> client.get()
                .uri("/api/audit/proofs/inclusion?position={p}&treeSize={n}", positions[i], lines)
                .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value() == 200));
        IntFunction<Mono<Boolean>> consistency = i -> client.get()
                .uri("/api/audit/proofs/consistency?from={m}&to={n}", olderSizes[i], lines)
                .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value() == 200));
        IntFunction<Mono<Boolean>> liveness = i -> client.get().uri("/actuator/health/liveness")
                .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value() == 200));
        WarmUp warmUp = warmUp(() -> {
            Load.reactive("warm-up", CONCURRENCY, WARM_UP, inclusion);
            return Load.reactive("warm-up", CONCURRENCY, WARM_UP, consistency);
        });
        // at the harness's 32 clients (the machine saturated: throughput), and one client at a time (latency)
        for (int clients : new int[] {CONCURRENCY, 1}) {
            int operations = clients == 1 ? READS / 5 : READS;
            Result idle = Load.reactive("HTTP request doing nothing (liveness probe)", clients, operations, liveness);
            Result included = cpu("proving inclusion, " + clients + " client(s)", () -> Load.reactive(
                    "inclusion proofs (HTTP)", clients, operations, inclusion));
            Result consistent = cpu("proving consistency, " + clients + " client(s)", () -> Load.reactive(
                    "consistency proofs (HTTP)", clients, operations, consistency));
            for (Result proofs : List.of(included, consistent)) {
                assertThat(proofs.failures()).as(proofs.name() + " failed").isZero();
                rows.add(("| %s at %,d lines | throughput, p50 / p99 at %d client(s), %s | %.0f/s, %.1f / %.1f ms | %s: "
                        + "%.0f/s, p99 %.1f ms | %.2f | p99 ≤ 20 ms |").formatted(proofs.name(), lines, clients, warmUp,
                        proofs.perSecond(), proofs.p50Micros() / 1000.0, proofs.p99Micros() / 1000.0, idle.name(),
                        idle.perSecond(), idle.p99Micros() / 1000.0, proofs.perSecond() / idle.perSecond()));
            }
        }

        Path dir = Files.createTempDirectory("ledger-verify");
        Path export = dir.resolve("ledger.ndjson");
        String auditor = new CitizenClient(service.http()).token("auditor", "demo-auditor-2026");
        DataBufferUtils.write(client.get().uri("/api/audit/ledger").accept(MediaType.APPLICATION_NDJSON)
                .headers(h -> h.setBearerAuth(auditor)).retrieve().bodyToFlux(DataBuffer.class), export)
                .block(Duration.ofMinutes(5));
        Path key = Files.writeString(dir.resolve("ledger.vkey"), client.get().uri("/api/audit/checkpoint/key")
                .retrieve().bodyToMono(String.class).block(Duration.ofSeconds(10)));
        String note = await("a checkpoint of the whole replayed ledger").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> client.get().uri("/api/audit/checkpoint").retrieve().bodyToMono(String.class)
                        .block(Duration.ofSeconds(10)), text -> text.split("\n")[1].equals(Long.toString(lines)));
        Path checkpoint = Files.writeString(dir.resolve("checkpoint.txt"), note);

        long readStarted = System.nanoTime();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(export)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
        }
        double readSeconds = (System.nanoTime() - readStarted) / 1e9;
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        long verifyStarted = System.nanoTime();
        int exit = LedgerVerifier.run(new String[] {"--key", key.toString(),
                "--ledger", export.toString(), "--checkpoint", checkpoint.toString()},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        double verifySeconds = (System.nanoTime() - verifyStarted) / 1e9;
        assertThat(exit).as(output.toString()).isZero();
        rows.add(("| the offline verifier over the export | seconds for %,d lines (%,d MB): chain, balances, the Merkle "
                + "root against the signed checkpoint, in the benchmark's JVM | %.1f s (%,.0f lines/s) | reading and "
                + "SHA-256 of the same file once: %.1f s | %.2f | ≤ 30 s |").formatted(lines, Files.size(export) >> 20,
                verifySeconds, lines / verifySeconds, readSeconds, readSeconds / verifySeconds));
        Files.delete(export);
    }

    /**
     * Logins flooded by {@value #LOGIN_FLOOD_SMALL} and then {@value #LOGIN_FLOOD_LARGE} clients: the logins admitted
     * per second (per core: bcrypt is CPU work) and how quickly they and the refused ones are answered.
     */
    private void loginFlood(ServiceProcess service) throws Exception {
        CitizenClient citizens = new CitizenClient(service.http());
        List<String> usernames = IntStream.range(0, 8).mapToObj(i -> citizens.register("AZE", Ids.documentNumber(),
                Ids.fin(), Ids.phone(), PASSWORD).cabinetNumber()).toList();
        LoginFlood.run(service.baseUrl(), usernames, PASSWORD, 8, LOGIN_FLOOD_LENGTH); // unmeasured: JIT, pools
        int cores = Runtime.getRuntime().availableProcessors();
        for (int clients : new int[] {LOGIN_FLOOD_SMALL, LOGIN_FLOOD_LARGE}) {
            LoginFlood.Outcome flood = cpu("logging in, " + clients + " clients", () -> LoginFlood.run(
                    service.baseUrl(), usernames, PASSWORD, clients, LOGIN_FLOOD_LENGTH));
            rows.add(("| logging in under a flood of %d clients (each logs in again once answered; a refused one "
                    + "waits its Retry-After) | logins admitted/s (per core), p50 / p99 of the admitted; refused/s, "
                    + "p99 of the refusals; other answers; unanswered after %d s, over %d s | %.1f/s (%.1f per core), "
                    + "%.0f / %.0f ms; %.0f/s refused, p99 %.1f ms; %d other; %d unanswered | — | — "
                    + "| admitted p99 ≤ 1 s, refusals ≤ 50 ms, 0 unanswered |").formatted(clients,
                    LoginFlood.GIVES_UP.toSeconds(), LOGIN_FLOOD_LENGTH.toSeconds(), flood.admittedPerSecond(),
                    flood.admittedPerSecond() / cores, flood.admittedP50() / 1000.0, flood.admittedP99() / 1000.0,
                    flood.refusedPerSecond(), flood.refusedP99() / 1000.0, flood.otherwise(), flood.unanswered()));
            if (flood.unanswered() > 0 || flood.otherwise() > 0) {
                failures.add(clients + " clients logging in: " + flood);
            }
        }
    }

    /**
     * Results day (#22). The import: {@value #RESULT_LINES} lines of a scoring file posted to the service by the demo
     * administrator, streamed from a file on disk as the body, timed from the request sent to the report received,
     * {@value #RESULT_IMPORTS} times (new results into a session each, after a full GC each), the median against
     * PostgreSQL's own COPY of the same file (the same bytes, through the JDBC driver's CopyManager) into a
     * plain table, median of {@value #COPIES}. The file's applications are written straight into the read model
     * ({@link ResultsDay#seedConfirmedApplications} says why). Unmeasured imports of other numbers into another
     * session come first, until the service's JIT compiler is quiet or their files are used up. The service's heap is
     * sampled during the import: it reads the file as it streams in, never whole, so the heap's peaks stay flat from
     * the first quarter of the import to the last. The reads: {@value #CITIZENS} applicants made through the API,
     * their results imported and published now, read at {@value #CONCURRENCY} clients (200 with the result, then 304
     * with its ETag), beside the balance read of the same applicants measured right before and right after.
     */
    private void resultsDay(ServiceProcess service, WebClient client, JdbcTemplate jdbc) throws Exception {
        assertThat(FIRST_RESULT_NUMBER + RESULT_IMPORTS * RESULT_LINES - 1)
                .as("the measured files' numbers have six digits").isLessThanOrEqualTo(999_999);
        assertThat(FIRST_WARM_UP_NUMBER + WARM_UP_FILES * WARM_UP_FILE_LINES)
                .as("the warm-up's numbers come before the measured ones").isLessThanOrEqualTo(FIRST_RESULT_NUMBER);
        ResultsDay day = new ResultsDay(service, client);
        String admin = day.adminToken();
        String session = day.sessionWithSheet(admin);
        List<ResultsDay.Reader> applicants = day.applicants(session, CITIZENS, PASSWORD);
        List<String> importSessions = new ArrayList<>(List.of(session));
        while (importSessions.size() < RESULT_IMPORTS) {
            importSessions.add(day.sessionWithSheet(admin));
        }
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < RESULT_IMPORTS; i++) {
            int first = FIRST_RESULT_NUMBER + i * RESULT_LINES;
            ResultsDay.seedConfirmedApplications(jdbc, importSessions.get(i), first, RESULT_LINES);
            files.add(ResultsDay.scoringFile(first, RESULT_LINES));
        }
        String warmUpSession = day.sessionWithSheet(admin);
        ResultsDay.seedConfirmedApplications(jdbc, warmUpSession, FIRST_WARM_UP_NUMBER,
                WARM_UP_FILES * WARM_UP_FILE_LINES);
        jdbc.execute("ANALYZE readmodel.exam_application");
        List<Path> warmUpFiles = new ArrayList<>();
        for (int f = 0; f < WARM_UP_FILES; f++) {
            warmUpFiles.add(ResultsDay.scoringFile(FIRST_WARM_UP_NUMBER + f * WARM_UP_FILE_LINES, WARM_UP_FILE_LINES));
        }
        Path file = files.get(0);

        // warm-up: new results imported into the other session, file by file, until the service's JIT compiler used
        // less than a twentieth of a core during one or the files are used up. Only new results: warmed up in rounds
        // as the other paths are, the files were imported again and again (their results found unchanged), which
        // trained the compiler on a path that records nothing; it still compiled at a quarter of a core during the
        // measured import.
        // sampled as the measured import is, so that the sampler's own requests (the actuator's metric) are no new
        // work for the service then
        String operator = new CitizenClient(service.http()).token(OpsStreams.OPERATOR, OpsStreams.OPERATOR_PASSWORD);
        WebClient actuator = client(service.baseUrl());
        int warmUpImports = 0;
        double importCompiler;
        do {
            CpuShares.CompilerTime compiler = CpuShares.compilerTime(servicePid);
            Path warmUpFile = warmUpFiles.get(warmUpImports++);
            try (HeapSampler sampled = new HeapSampler(service, actuator, operator)) {
                day.importFile(admin, warmUpSession, warmUpFile);
            }
            importCompiler = compiler.coresUsed();
        } while (importCompiler > QUIET_COMPILER && warmUpImports < WARM_UP_FILES);

        // the first import also gives the heap and the CPU shares; each starts after a full GC, as the first does
        List<Double> importSeconds = new ArrayList<>();
        long heapBefore = 0;
        long heapAfter = 0;
        HeapSampler heap = null;
        for (int i = 0; i < RESULT_IMPORTS; i++) {
            String importSession = importSessions.get(i);
            Path importFile = files.get(i);
            ResultsDay.collectGarbage(servicePid);
            if (i == 0) {
                heapBefore = heapUsed(actuator, operator);
            }
            JsonNode report;
            HeapSampler sampled = new HeapSampler(service, actuator, operator);
            try (sampled) {
                report = i == 0 ? cpu("importing %,d result lines (the first import)".formatted(RESULT_LINES),
                        () -> day.importFile(admin, importSession, importFile))
                        : day.importFile(admin, importSession, importFile);
                importSeconds.add((System.nanoTime() - sampled.started) / 1e9);
            }
            if (i == 0) {
                heap = sampled;
                ResultsDay.collectGarbage(servicePid);
                heapAfter = heapUsed(actuator, operator);
            }
            if (report.path("recorded").asLong() != RESULT_LINES) {
                failures.add("import %d recorded %d of %d lines: %s".formatted(i + 1,
                        report.path("recorded").asLong(), RESULT_LINES,
                        report.toString().substring(0, Math.min(2000, report.toString().length()))));
            }
        }
        double seconds = median(importSeconds);

        jdbc.execute(ResultsDay.COPY_TABLE);
        List<Double> copySeconds = new ArrayList<>();
        for (int copy = 0; copy < COPIES; copy++) {
            jdbc.execute("TRUNCATE bench_result_copy");
            long copyStarted = System.nanoTime();
            long copied = ResultsDay.copy(jdbc, file);
            copySeconds.add((System.nanoTime() - copyStarted) / 1e9);
            assertThat(copied).as("lines copied").isEqualTo(RESULT_LINES);
        }
        jdbc.execute("DROP TABLE bench_result_copy");
        double copyMedian = median(copySeconds);
        double rate = RESULT_LINES / seconds;
        double copyRate = RESULT_LINES / copyMedian;
        rows.add(("| importing %,d result lines over HTTP (the administrator's POST of the CSV, streamed from a file) "
                + "| lines/s, request sent → report received, median of %d imports of new results into a session each, "
                + "after %d unmeasured imports of %,d new lines into another session (the service's JIT compiler at "
                + "%.0f %% of a core during the last) | %,.0f/s (%.2f s; all: %s s) "
                + "| PostgreSQL's COPY of the first file into a plain table (JDBC CopyManager): %,.0f/s (%.2f s, median "
                + "of %d; all: %s s) | %.3f | ≥ 0.20; %,d lines ≤ 60 s |").formatted(RESULT_LINES, RESULT_IMPORTS,
                warmUpImports, WARM_UP_FILE_LINES, 100 * importCompiler, rate, seconds,
                importSeconds.stream().map(t -> "%.2f".formatted(t)).collect(Collectors.joining(", ")), copyRate,
                copyMedian, COPIES, copySeconds.stream().map(t -> "%.2f".formatted(t)).collect(Collectors.joining(", ")),
                rate / copyRate, RESULT_LINES));
        rows.add(("| importing results: the service's memory | heap used before the first import (after a full GC), the "
                + "maximum in each quarter of it (sampled every 100 ms), after it (after a full GC: what the "
                + "session's results aggregate keeps, per line); resident memory (max); the file is %.1f MiB "
                + "| heap %d MiB → %s → %d MiB (%.0f bytes a line); resident %d MiB | — | — "
                + "| heap flat over the import |").formatted(Files.size(file) / 1048576.0, heapBefore / 1048576,
                heap.quarterMaxima((long) (importSeconds.get(0) * 1e9)), heapAfter / 1048576,
                (heapAfter - heapBefore) / (double) RESULT_LINES, heap.residentMax.get() / 1024));

        // results day: the applicants' own results imported and published, then read
        JsonNode theirs = day.importFile(admin, session, ResultsDay.scoringFile(applicants));
        assertThat(theirs.path("recorded").asLong()).as("the applicants' results: " + theirs)
                .isEqualTo(applicants.size());
        day.publishNow(admin, session);
        List<ResultsDay.Reader> readers = applicants.stream().map(day::withEtag).toList();
        java.util.function.IntFunction<Mono<Boolean>> balance = i -> client.get().uri("/api/me/wallet")
                .headers(h -> h.setBearerAuth(readers.get(i % readers.size()).token()))
                .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value() == 200));
        java.util.function.IntFunction<Mono<Boolean>> result = i -> {
            ResultsDay.Reader reader = readers.get(i % readers.size());
            return client.get().uri("/api/applications/{n}/result", reader.number())
                    .headers(h -> h.setBearerAuth(reader.token()))
                    .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value() == 200));
        };
        java.util.function.IntFunction<Mono<Boolean>> unchanged = i -> {
            ResultsDay.Reader reader = readers.get(i % readers.size());
            return client.get().uri("/api/applications/{n}/result", reader.number())
                    .headers(h -> h.setBearerAuth(reader.token()))
                    .header(org.springframework.http.HttpHeaders.IF_NONE_MATCH, reader.etag())
                    .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value() == 304));
        };
        // the balance read of the same applicants, measured before and after the result reads: the baseline is
        // the mean of the two, since the machine's other work moves both between one minute and the next
        warmUp(() -> Load.reactive("warm-up", CONCURRENCY, WARM_UP, balance));
        Result balancesBefore = cpu("reading the balance (the results' applicants), before", () -> Load.reactive(
                "read the balance (HTTP, the same applicants), before", CONCURRENCY, READS, balance));
        WarmUp resultWarmUp = warmUp(() -> Load.reactive("warm-up", CONCURRENCY, WARM_UP, result));
        Result results = cpu("reading one's result", () -> Load.reactive(
                "read one's result (HTTP)", CONCURRENCY, READS, result));
        WarmUp unchangedWarmUp = warmUp(() -> Load.reactive("warm-up", CONCURRENCY, WARM_UP, unchanged));
        Result unchangedResults = cpu("reading one's result again with its ETag", () -> Load.reactive(
                "read one's result with If-None-Match (HTTP, 304)", CONCURRENCY, READS, unchanged));
        Result balancesAfter = cpu("reading the balance (the results' applicants), after", () -> Load.reactive(
                "read the balance (HTTP, the same applicants), after", CONCURRENCY, READS, balance));
        resultRow("reading one's exam result over HTTP (authenticated; 200 with the result)", resultWarmUp, results,
                balancesBefore, balancesAfter);
        resultRow("reading one's exam result again with its ETag (If-None-Match; 304, no body)", unchangedWarmUp,
                unchangedResults, balancesBefore, balancesAfter);
        loads.addAll(List.of(balancesBefore, results, unchangedResults, balancesAfter));
    }

    /** A results-day read beside the balance read of the same applicants before and after it (their mean). */
    private void resultRow(String path, WarmUp warmUp, Result measured, Result before, Result after) {
        double baseline = (before.perSecond() + after.perSecond()) / 2;
        rows.add(("| %s | throughput, p50 / p99 at %d clients, %s | %.0f/s, %.1f / %.1f ms | reading the balance over "
                + "HTTP, the same %d applicants, before and after: %.0f/s and %.0f/s (p99 %.1f and %.1f ms) | %.2f "
                + "| ≥ 0.80 |").formatted(path, CONCURRENCY, warmUp, measured.perSecond(),
                measured.p50Micros() / 1000.0, measured.p99Micros() / 1000.0, CITIZENS, before.perSecond(),
                after.perSecond(), before.p99Micros() / 1000.0, after.p99Micros() / 1000.0,
                measured.perSecond() / baseline));
    }

    /** The service's heap (and resident memory), sampled every 100 ms from its start until closed. */
    private static final class HeapSampler implements AutoCloseable {
        final long started = System.nanoTime();
        final AtomicLong residentMax = new AtomicLong();
        private final List<long[]> samples = java.util.Collections.synchronizedList(new ArrayList<>()); // nanos, bytes
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

        HeapSampler(ServiceProcess service, WebClient actuator, String operator) {
            sampler.scheduleAtFixedRate(() -> {
                try {
                    samples.add(new long[] {System.nanoTime(), heapUsed(actuator, operator)});
                    residentMax.accumulateAndGet(service.residentKib(), Math::max);
                } catch (Exception e) {
                    // the service is gone: the import fails and says so
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
        }

        /** "212, 230, 228, 231 MiB": the largest heap sampled in each quarter of the window from the start. */
        String quarterMaxima(long windowNanos) {
            long[] max = new long[4];
            synchronized (samples) {
                for (long[] sample : samples) {
                    int quarter = (int) Math.min(3, Math.max(0, 4 * (sample[0] - started) / windowNanos));
                    max[quarter] = Math.max(max[quarter], sample[1]);
                }
            }
            return java.util.Arrays.stream(max).mapToObj(m -> m == 0 ? "—" : Long.toString(m / 1048576))
                    .collect(Collectors.joining(", ")) + " MiB";
        }

        @Override
        public void close() {
            sampler.shutdownNow();
        }
    }

    /** The middle one of several timings (the upper middle of an even number). */
    private static double median(List<Double> seconds) {
        return seconds.stream().sorted().toList().get(seconds.size() / 2);
    }

    /** "53.2, 57.5, 62.1": each timing, in the order taken. */
    private static String listed(List<Double> seconds) {
        return seconds.stream().map(t -> "%.1f".formatted(t)).collect(Collectors.joining(", "));
    }

    /**
     * How long a finished replay took by the service's own clock (its status's {@code startedAt} → {@code finishedAt}):
     * seeing its end from here added up to the polling interval to each timing, and polling finer took CPU from it.
     */
    private static double replaySeconds(JsonNode status) {
        assertThat(status.path("state").asText()).isEqualTo("COMPLETED");
        return Duration.between(Instant.parse(status.path("startedAt").asText()),
                Instant.parse(status.path("finishedAt").asText())).toNanos() / 1e9;
    }

    private void row(String path, WarmUp warmUp, Result measured, Result baseline, double target) {
        double ratio = measured.perSecond() / baseline.perSecond();
        rows.add(("| %s | throughput, p50 / p99 at %d clients, %s | %.0f/s, %.1f / %.1f ms | %s: %.0f/s, p99 %.1f ms "
                + "| %.2f | ≥ %.2f |")
                .formatted(path, CONCURRENCY, warmUp, measured.perSecond(), measured.p50Micros() / 1000.0,
                        measured.p99Micros() / 1000.0, baseline.name(), baseline.perSecond(),
                        baseline.p99Micros() / 1000.0, ratio, target));
    }

    /**
     * Runs unmeasured load in rounds of at least {@link #WARM_UP_ROUND} until the service's JIT compiler used less
     * than {@value #QUIET_COMPILER} of a core during one, for at most {@link #MAX_WARM_UP}. A node that has served
     * for a while has compiled its hot code; this one started minutes ago, and on two cores its compiler gets little
     * CPU under load: it was measured compiling at 20-34 % of a core through the first ten seconds at half load,
     * after 4,000 payments flat out.
     */
    private WarmUp warmUp(java.util.concurrent.Callable<?> load) throws Exception {
        long deadline = System.nanoTime() + MAX_WARM_UP.toNanos();
        int rounds = 0;
        double compiler;
        do {
            CpuShares.CompilerTime round = CpuShares.compilerTime(servicePid);
            long started = System.nanoTime();
            do {
                load.call();
            } while (System.nanoTime() - started < WARM_UP_ROUND.toNanos());
            compiler = round.coresUsed();
            rounds++;
        } while (compiler > QUIET_COMPILER && System.nanoTime() < deadline);
        return new WarmUp(rounds, compiler);
    }

    record WarmUp(int rounds, double compiler) {
        @Override
        public String toString() {
            return "after %d unmeasured rounds of ≥ %d s (the service's JIT compiler at %.0f %% of a core in the last)"
                    .formatted(rounds, WARM_UP_ROUND.toSeconds(), 100 * compiler);
        }
    }

    /** Runs a measured load and notes where the machine's CPU went meanwhile. */
    private <T> T cpu(String path, java.util.concurrent.Callable<T> load) throws Exception {
        CpuShares shares = CpuShares.start(servicePid, () -> database.queryForList(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database()", Long.class));
        T result = load.call();
        cpuRows.add("| %s | %s |".formatted(path, shares.shares()));
        return result;
    }

    /** Whether this run measures that path: all by default, or those listed in {@code -Dbench.paths=credits,ledger}. */
    private static boolean measures(String path) {
        String paths = System.getProperty("bench.paths", "all");
        return paths.equals("all") || List.of(paths.split(",")).contains(path);
    }

    private void print() throws IOException {
        List<String> table = new ArrayList<>();
        table.add("Benchmark on %d cores, %s, Java %s, %d writes and %d reads per path".formatted(
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("java.version"), WRITES, READS));
        table.add("");
        table.add("| path | measure | measured | baseline (same run) | ratio | target |");
        table.add("| --- | --- | --- | --- | --- | --- |");
        table.addAll(rows);
        table.add("");
        table.add("| while measuring | where the CPU of all %d cores went |".formatted(
                Runtime.getRuntime().availableProcessors()));
        table.add("| --- | --- |");
        table.addAll(cpuRows);
        if (!databaseRows.isEmpty()) {
            table.add("");
            table.add("| per operation | what PostgreSQL did | baseline |");
            table.add("| --- | --- | --- |");
            table.addAll(databaseRows);
        }
        show("benchmark.md", table);
    }

    /** Prints the table and writes it to {@code target/<file>}. */
    static void show(String file, List<String> table) throws IOException {
        String text = String.join("\n", table);
        System.out.println("\n" + text + "\n");
        Files.writeString(Path.of("target", file), text + "\n", StandardCharsets.UTF_8);
    }

    private static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("postgres");
        config.setMaximumPoolSize(CONCURRENCY);
        config.setMinimumIdle(CONCURRENCY);
        return new HikariDataSource(config);
    }

    static WebClient client(String baseUrl) {
        ConnectionProvider connections = ConnectionProvider.builder("bench").maxConnections(256)
                .pendingAcquireMaxCount(-1).build();
        return WebClient.builder().baseUrl(baseUrl)
                .clientConnector(new org.springframework.http.client.reactive.ReactorClientHttpConnector(
                        HttpClient.create(connections)))
                .build();
    }

    /** {@value #CITIZENS} synthetic citizens registered and logged in (the stub registry knows every FIN). */
    static List<String> register(RunningService service) {
        CitizenClient citizens = new CitizenClient(service.http());
        return Flux.range(0, CITIZENS)
                .parallel(2).runOn(reactor.core.scheduler.Schedulers.boundedElastic()) // the hashing threads of two cores
                .map(i -> {
                    var registered = citizens.register("AZE", Ids.documentNumber(), Ids.fin(), Ids.phone(), PASSWORD);
                    return citizens.token(registered.cabinetNumber(), PASSWORD);
                })
                .sequential().collectList().block(Duration.ofMinutes(5));
    }

    /** Payments posted by the demo bank (signed), not yet credited: what the credit path then redeems. */
    static List<String> paymentsReceived(RunningService service, WebClient client, int count) {
        ProviderClient bank = ProviderClient.demoBank(service.http(), Clock.systemUTC());
        List<String> codes = IntStream.range(0, count).mapToObj(i -> Ids.paymentCode()).toList();
        Result posted = Load.reactive("payments", CONCURRENCY, count, i -> postPayment(client, bank, codes.get(i)));
        assertThat(posted.failures()).as("every payment recorded").isZero();
        return codes;
    }

    /** The demo bank's signed notification of a 1.00 AZN payment: true once it is acknowledged (201). */
    static Mono<Boolean> postPayment(WebClient client, ProviderClient bank, String code) {
        String body = ProviderClient.notification(code, "1.00", "AA1234567", "2026-01-15T10:00:00+04:00",
                ProviderClient.DEMO_BANK);
        long timestamp = System.currentTimeMillis() / 1000;
        return client.post().uri("/api/payments").contentType(MediaType.APPLICATION_JSON)
                .header("X-Ekabinet-Provider", ProviderClient.DEMO_BANK)
                .header("X-Ekabinet-Timestamp", Long.toString(timestamp))
                .header("X-Ekabinet-Signature", bank.sign(timestamp, body.getBytes(StandardCharsets.UTF_8)))
                .bodyValue(body)
                .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value() == 201));
    }

    static Mono<Boolean> post(WebClient client, String token, String uri, String body, int expected) {
        return client.post().uri(uri).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value() == expected));
    }

    /** Samples the service's resident memory while a load runs; keeps the maximum. */
    private static final class MemorySampler {
        private final ServiceProcess service;
        private final AtomicLong max = new AtomicLong();

        MemorySampler(ServiceProcess service) {
            this.service = service;
        }

        <T> T during(java.util.concurrent.Callable<T> load) throws Exception {
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> {
                try {
                    max.accumulateAndGet(service.residentKib(), Math::max);
                } catch (IOException e) {
                    // the process is gone; the load will fail and say so
                }
            }, 0, 200, TimeUnit.MILLISECONDS);
            try {
                return load.call();
            } finally {
                sampler.shutdownNow();
            }
        }

        long maxKib() {
            return max.get();
        }
    }

    static {
        Locale.setDefault(Locale.ROOT); // decimal points in the printed table
    }
}
