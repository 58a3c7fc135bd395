package az.ekabinet.config.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Nodes of a cluster started together on a PostgreSQL without the application's database all try to create it; every
 * one of them must start (the local PostgreSQL of the project's machines, trust auth).
 */
class DatabaseCreationRaceTest {

    private static final String ADMIN_URL = "jdbc:postgresql://localhost:5432/postgres";
    private final String name = "ekabinet_race_" + System.currentTimeMillis() + "_"
            + ThreadLocalRandom.current().nextInt(1_000_000);

    @Test
    void nodesCreatingTheDatabaseAtOnceAllStart() throws Exception {
        int nodes = 6;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService starting = Executors.newFixedThreadPool(nodes);
        try {
            List<Future<String>> created = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                Callable<String> node = () -> {
                    go.await();
                    return DatabaseLocator.ensureDatabase(ADMIN_URL, "postgres", "", name);
                };
                created.add(starting.submit(node));
            }
            go.countDown();
            for (Future<String> node : created) {
                assertThat(node.get()).isEqualTo(name);
            }
        } finally {
            starting.shutdownNow();
        }
        try (var c = DriverManager.getConnection(ADMIN_URL, "postgres", "");
             var count = c.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
            count.setString(1, name);
            try (var rs = count.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    @AfterEach
    void drop() throws Exception {
        try (var c = DriverManager.getConnection(ADMIN_URL, "postgres", ""); var s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
