package az.ekabinet.it.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own: the machine's PostgreSQL binaries, a fresh data directory, a free port.
 * Restarting the machine's shared server would cut every other test JVM's connections; restarting this one disturbs
 * nobody. Run as root, PostgreSQL's tools run as the {@code postgres} user (PostgreSQL refuses to run as root).
 */
final class PrivatePostgres implements AutoCloseable {

    private final Path bin;
    private final Path data;
    private final int port;

    private PrivatePostgres(Path bin, Path data, int port) {
        this.bin = bin;
        this.data = data;
        this.port = port;
    }

    /** initdb (trust authentication, user {@code postgres}) and start; waits until it accepts connections. */
    static PrivatePostgres start() throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("ekabinet-reliability-pg-");
        if (asRoot()) {
            run(List.of("chown", "postgres:postgres", directory.toString()), Duration.ofSeconds(10));
        }
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var server = new PrivatePostgres(binaries(), directory.resolve("data"), port);
        server.tool(Duration.ofSeconds(120), "initdb", "-D", server.data.toString(), "-U", "postgres",
                "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync");
        server.pgCtl("start");
        return server;
    }

    int port() {
        return port;
    }

    /**
     * {@code pg_ctl restart -m <mode>}: {@code fast} ends every session and checkpoints, {@code immediate} stops at
     * once, as a crash would, so the next start recovers from the write-ahead log. Returns when the server accepts
     * connections again.
     */
    void restart(String mode) throws IOException, InterruptedException {
        pgCtl("restart", "-m", mode);
    }

    private void pgCtl(String action, String... options) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("pg_ctl", action, "-w", "-t", "60", "-D", data.toString(),
                "-l", data.getParent().resolve("postgres.log").toString(),
                "-o", "-p " + port + " -k " + data.getParent() + " -c listen_addresses=127.0.0.1"));
        arguments.addAll(List.of(options));
        tool(Duration.ofSeconds(90), arguments.toArray(String[]::new));
    }

    @Override
    public void close() throws Exception {
        try {
            tool(Duration.ofSeconds(60), "pg_ctl", "stop", "-m", "immediate", "-D", data.toString());
        } finally {
            try (Stream<Path> files = Files.walk(data.getParent())) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private void tool(Duration bound, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        if (asRoot()) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.add(bin.resolve(command[0]).toString());
        line.addAll(List.of(command).subList(1, command.length));
        run(line, bound);
    }

    private static void run(List<String> command, Duration bound) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed:\n"
                    + new String(output, StandardCharsets.UTF_8));
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The server binaries: {@code pg_config --bindir}, else the newest /usr/lib/postgresql/N/bin. */
    private static Path binaries() throws IOException, InterruptedException {
        try {
            Process config = new ProcessBuilder("pg_config", "--bindir").start();
            String bindir = new String(config.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (config.waitFor() == 0 && Files.isExecutable(Path.of(bindir, "pg_ctl"))) {
                return Path.of(bindir);
            }
        } catch (IOException noPgConfig) {
            // look in the Debian layout below
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparing(bin -> Integer.parseInt(bin.getParent().getFileName().toString())))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL binaries (pg_ctl) on this machine"));
        }
    }
}
