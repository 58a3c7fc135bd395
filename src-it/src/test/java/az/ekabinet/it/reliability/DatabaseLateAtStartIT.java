package az.ekabinet.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import az.ekabinet.it.reliability.MixedLoad.Kind;
import az.ekabinet.it.support.ApplicationClient;
import az.ekabinet.it.support.ServiceProcess;
import az.ekabinet.it.support.StubIdentityRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The database unreachable when the service starts (it sits behind a {@link TcpProxy} that refuses connections): the
 * service waits, trying again, and starts by itself once the database answers, then serves a mixed load correctly.
 * If the database stays away beyond the bound, the service gives up, says why and exits.
 */
@Tag("reliability")
class DatabaseLateAtStartIT {

    private static final Duration DATABASE_AWAY = Duration.ofSeconds(10);
    /** How soon after the database answers the service must be healthy: the rest of a start on a busy machine. */
    private static final Duration HEALTHY_BOUND = Duration.ofSeconds(60);

    @Test
    void theServiceWaitsForTheDatabaseAndStartsByItself() throws Exception {
        try (var registry = new StubIdentityRegistry(); var service = ServiceProcess.withFreshDatabase("late_database");
             var proxy = new TcpProxy(5432)) {
            String[] registryArguments = {"--ekabinet.identity-registry.mode=http",
                    "--ekabinet.identity-registry.base-url=" + registry.baseUrl()};
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), proxy.port()).close())
                    .as("the database is unreachable").isInstanceOf(ConnectException.class);
            long launched = System.nanoTime();
            CompletableFuture<Duration> starting = CompletableFuture.supplyAsync(() -> {
                try {
                    return service.startOn(service.jdbcUrl(proxy.port()), "reliability-late-database",
                            registryArguments);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() ->
                    System.nanoTime() - launched >= DATABASE_AWAY.toNanos() && refusedAttempts(service.log()) >= 2);
            assertThat(starting).as("the service waits for the database, alive, not healthy").isNotDone();
            int refused = refusedAttempts(service.log());

            long opened = System.nanoTime();
            proxy.open();
            starting.get(3, TimeUnit.MINUTES);
            Duration afterDatabase = Duration.ofNanos(System.nanoTime() - opened);
            Duration away = Duration.ofNanos(opened - launched);
            assertThat(afterDatabase).as("healthy soon after the database answers").isLessThan(HEALTHY_BOUND);

            Journal journal = new Journal();
            MixedLoad load = MixedLoad.signUp(service, journal, 4);
            load.fund(100_00);
            load.prepareApplications(service, ApplicationClient.DEMO_SESSION, 50_00);
            List<Kind> kinds = new ArrayList<>(Collections.nCopies(4, Kind.CONFIRMATION));
            kinds.addAll(Collections.nCopies(12, Kind.CREDIT));
            kinds.addAll(Collections.nCopies(20, Kind.TRANSFER));
            Collections.shuffle(kinds);
            load.batch(kinds, 4, () -> false).blockLast(Duration.ofMinutes(3));
            assertThat(journal.unexpected(answer -> false)).as("every answer a success or a refusal for want of money")
                    .isEmpty();
            new Invariants(service).assertHold(journal);

            service.kill();
            Duration ordinaryStart = service.start("reliability-late-database-ordinary", registryArguments);
            Report.write("late-database", List.of("The database unreachable at start-up", "",
                    "| database away | connection attempts refused meanwhile | healthy after the database answered "
                            + "| an ordinary start (database up), same machine, same run | load afterwards |",
                    "| --- | --- | --- | --- | --- |"), List.of("| %s | %d | %s | %s | %s |".formatted(
                    Report.seconds(away), refused, Report.seconds(afterDatabase), Report.seconds(ordinaryStart),
                    journal.summary())));
        }
    }

    @Test
    void beyondItsBoundTheServiceGivesUpAndSaysWhy() throws Exception {
        try (var service = ServiceProcess.withFreshDatabase("database_never"); var proxy = new TcpProxy(5432)) {
            assertThatThrownBy(() -> service.startOn(service.jdbcUrl(proxy.port()), "reliability-database-never",
                    "--spring.flyway.connect-retries=2"))
                    .hasMessageContaining("the service process is running");
            assertThat(service.awaitExit()).as("exit code").isNotZero();
            assertThat(refusedAttempts(service.log())).as("attempts before the last").isEqualTo(2);
            assertThat(Files.readString(service.log())).contains("Unable to obtain connection from database");
        }
    }

    /** Flyway's "Connection error: ... refused ... Retrying" warnings so far: each is one attempt that failed. */
    private static int refusedAttempts(Path log) throws IOException {
        if (log == null || !Files.exists(log)) {
            return 0;
        }
        return (int) Files.readAllLines(log).stream()
                .filter(line -> line.contains("Connection error:") && line.contains("refused")).count();
    }
}
