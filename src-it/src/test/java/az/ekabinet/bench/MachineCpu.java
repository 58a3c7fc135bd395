package az.ekabinet.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Where the machine's CPU went while a load ran, sampled from /proc every half second: the service's nodes, the load
 * generator (a process and everything it started), and the rest (PostgreSQL, HAProxy, this JVM), as shares of all
 * cores. On a small machine they all compete for the same cores, so a figure means something only beside these.
 */
final class MachineCpu implements AutoCloseable {

    private record Sample(long millis, long total, long busy, long nodes, long generator) {
    }

    private final List<Long> nodes;
    private final ProcessHandle generator;
    private final List<Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

    private MachineCpu(List<Long> nodes, ProcessHandle generator) {
        this.nodes = nodes;
        this.generator = generator;
        sampler.scheduleAtFixedRate(this::sample, 0, 500, TimeUnit.MILLISECONDS);
    }

    static MachineCpu sample(List<Long> nodes, ProcessHandle generator) {
        return new MachineCpu(nodes, generator);
    }

    /** "nodes 61 %, load generator 22 %, PostgreSQL and the rest 15 %, idle 2 %" between two instants (epoch ms). */
    synchronized String between(long fromMillis, long toMillis) {
        Sample first = samples.stream().filter(s -> s.millis() >= fromMillis).findFirst().orElse(null);
        Sample last = samples.stream().filter(s -> s.millis() <= toMillis).reduce((a, b) -> b).orElse(null);
        if (first == null || last == null || last.total() <= first.total()) {
            return "—";
        }
        double total = last.total() - first.total();
        double nodeShare = (last.nodes() - first.nodes()) / total;
        double generatorShare = (last.generator() - first.generator()) / total;
        double busy = (last.busy() - first.busy()) / total;
        return "%.0f / %.0f / %.0f / %.0f %%".formatted(100 * nodeShare, 100 * generatorShare,
                100 * Math.max(0, busy - nodeShare - generatorShare), 100 * (1 - busy));
    }

    private synchronized void sample() {
        try {
            long[] machine = CpuShares.machineJiffies();
            long nodeJiffies = nodes.stream().mapToLong(MachineCpu::jiffies).sum();
            long generatorJiffies = Stream.concat(Stream.of(generator), generator.descendants())
                    .mapToLong(p -> jiffies(p.pid())).sum();
            samples.add(new Sample(System.currentTimeMillis(), machine[0], machine[1], nodeJiffies, generatorJiffies));
        } catch (IOException | RuntimeException e) {
            // a sample missed: the shares come from the samples around it
        }
    }

    /** A process's CPU so far in jiffies; 0 once it is gone. */
    private static long jiffies(long pid) {
        try {
            return CpuShares.processJiffies(Long.toString(pid));
        } catch (IOException gone) {
            return 0;
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
