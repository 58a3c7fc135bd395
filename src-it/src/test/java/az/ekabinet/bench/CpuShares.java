package az.ekabinet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where the machine's CPU went during one measured path: the service process, this load generator (the JVM running
 * the benchmark) and everything else (PostgreSQL above all), as shares of all cores, from Linux's /proc counters.
 * On a small machine the three compete for the same cores, so a ratio to a baseline only means something beside it.
 */
final class CpuShares {

    private final long servicePid;
    private final Supplier<List<Long>> databaseBackends;
    private final long[] start;
    private final Map<Long, Long> backendsAtStart;

    private CpuShares(long servicePid, Supplier<List<Long>> databaseBackends) throws IOException {
        this.servicePid = servicePid;
        this.databaseBackends = databaseBackends;
        this.backendsAtStart = backendJiffies();
        this.start = sample(servicePid);
    }

    static CpuShares start(long servicePid) throws IOException {
        return new CpuShares(servicePid, null);
    }

    /**
     * The same, and the share of the PostgreSQL backends serving the service's database among "PostgreSQL and the
     * rest" ({@code databaseBackends}: their process ids, from pg_stat_activity): on a machine shared with other work
     * the rest is not all PostgreSQL, nor all of PostgreSQL this run's. A backend that ends before the end is missed;
     * one that starts meanwhile counts whole.
     */
    static CpuShares start(long servicePid, Supplier<List<Long>> databaseBackends) throws IOException {
        return new CpuShares(servicePid, databaseBackends);
    }

    /**
     * "service 61% (its JIT compiler 3%), load generator 22%, PostgreSQL and the rest 15%, idle 2%" since
     * {@link #start}.
     */
    String shares() throws IOException {
        long[] end = sample(servicePid);
        double total = end[0] - start[0];
        double busy = end[1] - start[1];
        double service = end[2] - start[2];
        double generator = end[3] - start[3];
        double compiler = end[4] - start[4];
        String backends = "";
        if (databaseBackends != null) {
            long jiffies = 0;
            for (Map.Entry<Long, Long> backend : backendJiffies().entrySet()) {
                jiffies += backend.getValue() - backendsAtStart.getOrDefault(backend.getKey(), 0L);
            }
            backends = " (the service's database's backends %.0f%%)".formatted(100 * jiffies / total);
        }
        return ("service %.0f%% (its JIT compiler %.0f%%), load generator %.0f%%, PostgreSQL and the rest %.0f%%%s, "
                + "idle %.0f%%").formatted(100 * service / total, 100 * compiler / total, 100 * generator / total,
                100 * Math.max(0, busy - service - generator) / total, backends, 100 * (total - busy) / total);
    }

    /** Each backend of the service's database: its CPU so far, in jiffies. */
    private Map<Long, Long> backendJiffies() {
        Map<Long, Long> jiffies = new HashMap<>();
        if (databaseBackends != null) {
            for (long pid : databaseBackends.get()) {
                try {
                    jiffies.put(pid, processJiffies(Long.toString(pid)));
                } catch (IOException gone) {
                    // the backend ended meanwhile
                }
            }
        }
        return jiffies;
    }

    /** {all jiffies of all cores, busy jiffies, the service's, this JVM's, the service's JIT compiler's}. */
    private static long[] sample(long servicePid) throws IOException {
        long[] machine = machineJiffies();
        return new long[] {machine[0], machine[1], processJiffies(Long.toString(servicePid)), processJiffies("self"),
                compilerJiffies(servicePid)};
    }

    /** {all jiffies of all cores, busy jiffies} so far, from /proc/stat. */
    static long[] machineJiffies() throws IOException {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]); // idle + iowait
        for (int i = 1; i < Math.min(cpu.length, 9); i++) { // user nice system idle iowait irq softirq steal
            total += Long.parseLong(cpu[i]);
        }
        return new long[] {total, total - idle};
    }

    /** Starts timing the service's JIT compiler: {@link CompilerTime#coresUsed()} is its CPU since, in cores. */
    static CompilerTime compilerTime(long servicePid) throws IOException {
        return new CompilerTime(servicePid, compilerJiffies(servicePid), System.nanoTime());
    }

    record CompilerTime(long servicePid, long jiffiesAtStart, long nanosAtStart) {
        /** The share of one core the compiler used since the start (0.25: a quarter of a core). */
        double coresUsed() throws IOException {
            return (compilerJiffies(servicePid) - jiffiesAtStart) / ((System.nanoTime() - nanosAtStart) / 1e7);
        }
    }

    /**
     * The service's just-in-time compiler threads' CPU so far, in jiffies (1/100 s): a node that has served for a
     * while has compiled its hot code, one just started has a backlog that competes with the requests.
     */
    private static long compilerJiffies(long servicePid) throws IOException {
        long jiffies = 0;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(servicePid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String name = Files.readString(task.resolve("comm"));
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    jiffies += threadJiffies(Files.readString(task.resolve("stat")));
                }
            }
        }
        return jiffies;
    }

    static long processJiffies(String pid) throws IOException {
        return threadJiffies(Files.readString(Path.of("/proc", pid, "stat")));
    }

    static long threadJiffies(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14 and 15)
    }
}
