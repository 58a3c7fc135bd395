package az.ekabinet.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The real runnable jar as a separate process, as an operator runs it, on a database of its own or, as a node of a
 * {@link Cluster}, on one it shares: for tests that kill it and for benchmarks that time its start and read its memory.
 */
public final class ServiceProcess implements RunningService, AutoCloseable {

    /**
     * Started from the project's root, as the README's run command does: the class data sharing archive the build
     * made is only used with the class path written exactly as when it was made.
     */
    private static final Path PROJECT_ROOT = Path.of("..");
    private static final String JAR = "config/target/ekabinet/ekabinet-exec.jar";
    private static final String CLASS_DATA_ARCHIVE = "config/target/ekabinet/ekabinet.jsa";

    private final int postgresPort;
    private final String database;
    private final boolean ownsDatabase;
    private final java.util.Map<String, String> environment = new java.util.HashMap<>();
    private Process process;
    private volatile Path log;
    private int port;

    private ServiceProcess(int postgresPort, String database, boolean ownsDatabase) {
        this.postgresPort = postgresPort;
        this.database = database;
        this.ownsDatabase = ownsDatabase;
    }

    /** A fresh, empty database {@code ekabinet_test_<time>_<name>} on the local PostgreSQL, dropped by close(). */
    public static ServiceProcess withFreshDatabase(String name) throws SQLException {
        return withFreshDatabase(name, 5432);
    }

    /** The same on the PostgreSQL listening on {@code postgresPort} of this machine. */
    public static ServiceProcess withFreshDatabase(String name, int postgresPort) throws SQLException {
        return new ServiceProcess(postgresPort, createDatabase(name, postgresPort), true);
    }

    /**
     * A node on a database others use too (made by {@link #createDatabase}), always on the same HTTP port, as a load
     * balancer knows it. close() leaves the database.
     */
    public static ServiceProcess sharing(String database, int port) {
        ServiceProcess node = new ServiceProcess(5432, database, false);
        node.port = port;
        return node;
    }

    /** Creates a fresh, empty database {@code ekabinet_test_<time>_<name>}; its name. */
    public static String createDatabase(String name, int postgresPort) throws SQLException {
        String database = "ekabinet_test_" + Instant.now().getEpochSecond() + "_" + name.replaceAll("[^A-Za-z0-9_]", "_");
        try (var c = DriverManager.getConnection(adminUrl(postgresPort)); var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        return database;
    }

    public static void dropDatabase(String database, int postgresPort) throws SQLException {
        try (var c = DriverManager.getConnection(adminUrl(postgresPort)); var s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static String adminUrl(int postgresPort) {
        return "jdbc:postgresql://localhost:" + postgresPort + "/postgres?user=postgres";
    }

    /** A free port on this machine, for a service to listen on. */
    public static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public String jdbcUrl() {
        return jdbcUrl(postgresPort);
    }

    /** This database reached through another port (a proxy in front of PostgreSQL). */
    public String jdbcUrl(int port) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    @Override
    public JdbcTemplate jdbc() {
        return new JdbcTemplate(new DriverManagerDataSource(jdbcUrl(), "postgres", ""));
    }

    /** An environment variable for the process from its next start on, as an operator sets one. */
    public ServiceProcess withEnvironment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Starts the jar and waits until it answers healthy; returns how long that took. */
    public Duration start(String logName, String... arguments) throws IOException {
        return startOn(jdbcUrl(), logName, arguments);
    }

    /** Starts the jar with the database at {@code jdbcUrl} (e.g. {@link #jdbcUrl(int)}); the same wait. */
    public Duration startOn(String jdbcUrl, String logName, String... arguments) throws IOException {
        if (ownsDatabase) {
            port = freePort();
        }
        log = Path.of("target", logName + ".log");
        Files.createDirectories(log.getParent());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m"));
        // e.g. -Dservice.jvm-args=-XX:StartFlightRecording=filename=target/service.jfr to profile a benchmark run
        String extra = System.getProperty("service.jvm-args", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        if (Files.exists(PROJECT_ROOT.resolve(CLASS_DATA_ARCHIVE))) {
            command.add("-XX:SharedArchiveFile=" + CLASS_DATA_ARCHIVE);
        }
        command.addAll(List.of("-jar", JAR, "--server.port=" + port, "--spring.datasource.url=" + jdbcUrl));
        command.addAll(List.of(arguments));
        long started = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).directory(PROJECT_ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toAbsolutePath().toFile());
        builder.environment().putAll(environment);
        process = builder.start();
        WebClient client = WebClient.create(baseUrl());
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(process.isAlive()).as("the service process is running; see " + log).isTrue();
            return client.get().uri("/actuator/health").exchangeToMono(r -> Mono.just(r.statusCode().value()))
                    .timeout(Duration.ofSeconds(2)).onErrorReturn(0).block() == 200;
        });
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @Override
    public String baseUrl() {
        return "http://localhost:" + port;
    }

    @Override
    public WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl(baseUrl()).responseTimeout(Duration.ofSeconds(30)).build();
    }

    /** SIGKILL: no shutdown hooks, no graceful anything. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    /** SIGTERM, as a deploy stops a node: waits until its graceful shutdown has ended; how long that took. */
    public Duration stop() throws InterruptedException {
        long stopping = System.nanoTime();
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the service did not stop within 60 s of SIGTERM; see " + log);
            }
        }
        return Duration.ofNanos(System.nanoTime() - stopping);
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Waits until the process has ended; its exit code. */
    public int awaitExit() throws InterruptedException {
        return process.waitFor();
    }

    /** The process's output, {@code target/<logName>.log} of the last start. */
    public Path log() {
        return log;
    }

    /** The operating system's process id of the running service. */
    public long pid() {
        return process.pid();
    }

    /** The process's resident memory (VmRSS) in KiB, from /proc. */
    public long residentKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for process " + process.pid());
    }

    @Override
    public void close() throws Exception {
        kill();
        if (ownsDatabase) {
            dropDatabase(database, postgresPort);
        }
    }
}
