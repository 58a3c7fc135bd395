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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The real runnable jar as a separate process on a database of its own, as an operator runs it: for tests that kill
 * it and for benchmarks that time its start and read its memory.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final String ADMIN_URL = "jdbc:postgresql://localhost:5432/postgres?user=postgres";
    private static final Path JAR = Path.of("../config/target/ekabinet-exec.jar");

    private final String database;
    private Process process;
    private int port;

    private ServiceProcess(String database) {
        this.database = database;
    }

    /** A fresh, empty database {@code ekabinet_test_<time>_<name>} (dropped by {@link #close()}). */
    public static ServiceProcess withFreshDatabase(String name) throws SQLException {
        String database = "ekabinet_test_" + Instant.now().getEpochSecond() + "_" + name;
        try (var c = DriverManager.getConnection(ADMIN_URL); var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        return new ServiceProcess(database);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:5432/" + database;
    }

    public JdbcTemplate jdbc() {
        return new JdbcTemplate(new DriverManagerDataSource(jdbcUrl(), "postgres", ""));
    }

    /** Starts the jar and waits until it answers healthy; returns how long that took. */
    public Duration start(String logName, String... arguments) throws IOException {
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Path.of("target", logName + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", JAR.toString(), "--server.port=" + port, "--spring.datasource.url=" + jdbcUrl()));
        command.addAll(List.of(arguments));
        long started = System.nanoTime();
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        WebClient client = WebClient.create(baseUrl());
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(process.isAlive()).as("the service process is running; see " + log).isTrue();
            return client.get().uri("/actuator/health").exchangeToMono(r -> Mono.just(r.statusCode().value()))
                    .timeout(Duration.ofSeconds(2)).onErrorReturn(0).block() == 200;
        });
        return Duration.ofNanos(System.nanoTime() - started);
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl(baseUrl()).responseTimeout(Duration.ofSeconds(30)).build();
    }

    /** SIGKILL: no shutdown hooks, no graceful anything. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    public void awaitExit() throws InterruptedException {
        process.waitFor();
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
        try (var c = DriverManager.getConnection(ADMIN_URL); var s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }
}
