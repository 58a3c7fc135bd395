package az.ekabinet.it.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Several nodes of the real runnable jar on one database behind a real HAProxy, configured by the same template as the
 * local cluster of docs/operations.md ({@code config/cluster/haproxy.cfg}): what production runs, on this machine. Nodes register
 * anyone ({@link StubIdentityRegistry}) and stop as a deploy stops them (SIGTERM, a drain time for HAProxy to notice).
 */
public final class Cluster implements RunningService, AutoCloseable {

    private static final Path TEMPLATE = Path.of("..", "config", "cluster", "haproxy.cfg");
    /**
     * HAProxy runs ahead of the nodes for the cores (as root; otherwise nice says so and runs it as it is): in
     * production it has a host of its own, and here, on cores the nodes saturate, its timers (the 30 ms a request may
     * wait for a slot) would fire late, so a refusal would take as long as the nodes' backlog.
     */
    private static final List<String> AHEAD_OF_THE_NODES = List.of("nice", "-n", "-10");
    /** HAProxy checks readiness every 0.5 s and takes a node out after two failures: a stopping node serves on 2 s. */
    private static final String DRAIN_TIME = "2s";

    private final String name;
    private final String database;
    private final StubIdentityRegistry registry = new StubIdentityRegistry();
    private final List<ServiceProcess> nodes = new ArrayList<>();
    private final List<Integer> starts = new ArrayList<>();
    private final String[] arguments;
    private final int balancerPort;
    private final int statsPort;
    private Process haproxy;

    private Cluster(String name, int size, String[] extraArguments) throws IOException, SQLException {
        this.name = name;
        this.database = ServiceProcess.createDatabase(name, 5432);
        for (int i = 0; i < size; i++) {
            nodes.add(ServiceProcess.sharing(database, ServiceProcess.freePort()));
            starts.add(0);
        }
        List<String> all = new ArrayList<>(List.of("--ekabinet.identity-registry.mode=http",
                "--ekabinet.identity-registry.base-url=" + registry.baseUrl(),
                "--ekabinet.cluster.drain-time=" + DRAIN_TIME,
                "--server.forward-headers-strategy=framework",
                // every client of the tests comes from 127.0.0.1
                "--ekabinet.sms.max-per-address-per-hour=1000000"));
        this.balancerPort = ServiceProcess.freePort();
        this.statsPort = ServiceProcess.freePort();
        // HAProxy's own refusals reach no node: the nodes read them from its exporter for the ops counters
        all.add("--ekabinet.admission.balancer-statistics=http://127.0.0.1:" + statsPort + "/metrics");
        all.addAll(List.of(extraArguments));
        this.arguments = all.toArray(String[]::new);
    }

    /**
     * {@code size} nodes on a fresh database, started all at once (as after a full deploy: Flyway and the demo data
     * see nodes starting together), and HAProxy in front of them; returns once HAProxy sends to every node.
     */
    public static Cluster start(String name, int size, String... extraArguments) throws Exception {
        Cluster cluster = new Cluster(name, size, extraArguments);
        try {
            cluster.startBalancer();
            List<CompletableFuture<Duration>> starting = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                int node = i;
                starting.add(CompletableFuture.supplyAsync(() -> cluster.startNode(node)));
            }
            CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
            for (int i = 0; i < size; i++) {
                cluster.awaitInRotation(i);
            }
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    private void startBalancer() throws IOException {
        Path directory = Path.of("target", name);
        Files.createDirectories(directory);
        StringBuilder servers = new StringBuilder();
        StringBuilder trackingServers = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            String server = "    server node" + (i + 1) + " "
                    + URI.create(nodes.get(i).baseUrl()).getAuthority().replace("localhost", "127.0.0.1");
            servers.append(server).append(" check\n");
            trackingServers.append(server).append(" track nodes/node").append(i + 1).append("\n");
        }
        String config = Files.readString(TEMPLATE)
                .replace("@SOCKET@", directory.toAbsolutePath().resolve("haproxy.sock").toString())
                .replace("@LISTEN_PORT@", Integer.toString(balancerPort))
                .replace("@STATS_PORT@", Integer.toString(statsPort))
                .replace("@TRACKING_SERVERS@", trackingServers)
                .replace("@SERVERS@", servers);
        Path file = directory.resolve("haproxy.cfg");
        Files.writeString(file, config);
        // nice would start without HAProxy and only then fail to run it: look for it first, to say what is missing
        boolean installed = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "haproxy")));
        if (!installed) {
            throw new IllegalStateException("HAProxy is not installed: Debian's haproxy package (.ci/run installs it)");
        }
        List<String> command = new ArrayList<>(AHEAD_OF_THE_NODES);
        command.addAll(List.of("haproxy", "-f", file.toString(), "-db"));
        haproxy = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("haproxy.log").toFile()).start();
    }

    private Duration startNode(int node) {
        int start = starts.set(node, starts.get(node) + 1) + 1;
        try {
            return nodes.get(node).start(name + "-node" + (node + 1) + "-" + start, arguments);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int size() {
        return nodes.size();
    }

    /** Node {@code i}, from 0. */
    public ServiceProcess node(int i) {
        return nodes.get(i);
    }

    /** HAProxy's output: a line per request with its timers (config/cluster/haproxy.cfg). */
    public Path balancerLog() {
        return Path.of("target", name, "haproxy.log");
    }

    /** HAProxy's address: where clients send their requests. */
    @Override
    public String baseUrl() {
        return "http://127.0.0.1:" + balancerPort;
    }

    @Override
    public WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl(baseUrl()).responseTimeout(Duration.ofSeconds(30)).build();
    }

    /**
     * A client whose requests go to the nodes in turn, each to the next one, past HAProxy: every step of a journey is
     * answered by another node than the step before it.
     */
    public WebTestClient alternating() {
        AtomicInteger next = new AtomicInteger();
        return WebTestClient.bindToServer().baseUrl(nodes.get(0).baseUrl()).responseTimeout(Duration.ofSeconds(30))
                .filter((request, exchange) -> {
                    URI node = URI.create(nodes.get(Math.floorMod(next.getAndIncrement(), nodes.size())).baseUrl());
                    URI url = UriComponentsBuilder.fromUri(request.url()).host(node.getHost()).port(node.getPort())
                            .build(true).toUri();
                    return exchange.exchange(ClientRequest.from(request).url(url).build());
                })
                .build();
    }

    @Override
    public JdbcTemplate jdbc() {
        return nodes.get(0).jdbc();
    }

    /** How many processor segments node {@code i} (as it runs now, or ran last) has claimed. */
    public int segmentsHeldBy(int i) {
        return jdbc().queryForObject("SELECT count(*) FROM tokenentry WHERE owner LIKE ?", Integer.class,
                nodes.get(i).pid() + "@%");
    }

    /** The node holding the most processor segments now. */
    public int busiestNode() {
        int busiest = 0;
        for (int i = 1; i < nodes.size(); i++) {
            if (segmentsHeldBy(i) > segmentsHeldBy(busiest)) {
                busiest = i;
            }
        }
        return busiest;
    }

    /** SIGKILL of node {@code i}: what it had in flight gets no answer. */
    public void kill(int i) throws InterruptedException {
        nodes.get(i).kill();
    }

    /** Stops node {@code i} as a deploy does (SIGTERM); how long its graceful shutdown took. */
    public Duration stop(int i) throws InterruptedException {
        return nodes.get(i).stop();
    }

    /** Starts node {@code i} again and waits until HAProxy sends to it; how long that took. */
    public Duration restart(int i) {
        long restarting = System.nanoTime();
        startNode(i);
        awaitInRotation(i);
        return Duration.ofNanos(System.nanoTime() - restarting);
    }

    /** A deploy: each node stopped and started again in turn, the next one only once HAProxy sends to it again. */
    public void rollingRestart() throws InterruptedException {
        for (int i = 0; i < nodes.size(); i++) {
            stop(i);
            restart(i);
        }
    }

    /** Waits until HAProxy's checks have found node {@code i} ready (its statistics say UP). */
    public void awaitInRotation(int i) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> "UP".equals(balancerStatus(i)));
    }

    /** HAProxy's counters in Prometheus' text format (its exporter, on the statistics port's {@code /metrics}). */
    public String balancerMetrics() {
        return fromStatisticsPort("/metrics");
    }

    /** What HAProxy's statistics say of node {@code i}: UP, DOWN, ... */
    public String balancerStatus(int i) {
        String csv = fromStatisticsPort("/;csv");
        for (String line : csv.split("\n")) {
            String[] fields = line.split(",");
            if (fields.length > 17 && fields[0].equals("nodes") && fields[1].equals("node" + (i + 1))) {
                return fields[17];
            }
        }
        throw new IllegalStateException("HAProxy's statistics have no node" + (i + 1));
    }

    /** A page of HAProxy's statistics port, as text. */
    private String fromStatisticsPort(String path) {
        return WebClient.create("http://127.0.0.1:" + statsPort).get().uri(path).retrieve()
                .bodyToMono(String.class).block(Duration.ofSeconds(5));
    }

    @Override
    public void close() throws Exception {
        for (ServiceProcess node : nodes) {
            node.kill();
        }
        if (haproxy != null) {
            haproxy.destroy();
            haproxy.waitFor();
        }
        registry.close();
        ServiceProcess.dropDatabase(database, 5432);
    }
}
