package az.ekabinet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The baseline of a latency measured on this machine: a thread of this JVM that asks to sleep 1 ms and records how
 * much later than that it runs again, while the measured load runs. Anything that stops every process for a while
 * (the kernel, the hypervisor, a burst of another process) shows here as it shows in the measured latency; this
 * JVM's own pauses do too. It also reads how much CPU the kernel's DAMON threads ({@code kdamond}, which scan the
 * memory's access bits for reclaim on the project's virtual machines) took meanwhile: the freshness tail was traced
 * to them (every stall of the poller of 15 ms or more in one run fell on a scan, about every 0.58 s).
 */
final class MachineStalls implements AutoCloseable {

    private static final long SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final List<Long> lateNanos = new ArrayList<>();
    private final long kernelScanJiffiesAtStart;
    private final Thread meter;
    private volatile boolean running = true;

    private MachineStalls() throws IOException {
        kernelScanJiffiesAtStart = kernelScanJiffies();
        meter = new Thread(this::measure, "machine-stalls");
        meter.setDaemon(true);
        meter.start();
    }

    static MachineStalls start() throws IOException {
        return new MachineStalls();
    }

    private void measure() {
        while (running) {
            long before = System.nanoTime();
            LockSupport.parkNanos(SLEEP_NANOS);
            long late = System.nanoTime() - before - SLEEP_NANOS;
            synchronized (lateNanos) {
                lateNanos.add(Math.max(0, late));
            }
        }
    }

    /** "p99 / max 1.2 / 38.0 ms late; kdamond 3 % of a core" since {@link #start}; stops measuring. */
    String summary() throws IOException, InterruptedException {
        running = false;
        meter.join();
        long[] sorted;
        synchronized (lateNanos) {
            sorted = lateNanos.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        long kernelScan = kernelScanJiffies() - kernelScanJiffiesAtStart;
        String stalls = "a 1 ms sleep woke p99 / max %.1f / %.1f ms late".formatted(
                Load.percentile(sorted, 0.99) / 1e6, sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        return kernelScanJiffiesAtStart < 0 ? stalls + "; no kernel DAMON thread (kdamond) running"
                : stalls + "; kernel DAMON scans (kdamond): %.1f s of CPU".formatted(kernelScan / 100.0);
    }

    @Override
    public void close() {
        running = false;
    }

    /** The CPU all {@code kdamond} kernel threads used so far in jiffies, or -1 on a machine without them. */
    private static long kernelScanJiffies() throws IOException {
        long jiffies = -1;
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                if (!process.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    if (stat.contains("(kdamond")) {
                        jiffies = Math.max(jiffies, 0) + CpuShares.threadJiffies(stat);
                    }
                } catch (IOException gone) {
                    // the process ended while listing
                }
            }
        }
        return jiffies;
    }
}
