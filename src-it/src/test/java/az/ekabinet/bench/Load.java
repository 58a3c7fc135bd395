package az.ekabinet.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Runs a number of operations at a fixed concurrency and measures throughput and latency percentiles. */
final class Load {

    private static final Logger log = LoggerFactory.getLogger(Load.class);

    /** What one run measured; latencies in microseconds. */
    record Result(String name, int operations, int failures, Duration elapsed, long p50Micros, long p99Micros) {

        double perSecond() {
            return operations / (elapsed.toNanos() / 1e9);
        }
    }

    /** A blocking operation (JDBC) on {@code concurrency} threads; operation i gets index i. */
    interface Blocking {
        void run(int index) throws Exception;
    }

    private Load() {
    }

    static Result blocking(String name, int concurrency, int operations, Blocking operation) throws Exception {
        long[] latencies = new long[operations];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(concurrency);
        long started = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < concurrency; t++) {
                workers.add(threads.submit(() -> {
                    for (int i = next.getAndIncrement(); i < operations; i = next.getAndIncrement()) {
                        long start = System.nanoTime();
                        try {
                            operation.run(i);
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                        latencies[i] = System.nanoTime() - start;
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            threads.shutdownNow();
        }
        return result(name, operations, failures.get(), System.nanoTime() - started, latencies);
    }

    /**
     * How long an HTTP operation may go unanswered before it counts as failed: in one run the service stopped reading
     * a keep-alive connection after answering on it (its next request sat unread in the socket for ten minutes: the
     * symptom reported in reactor-netty#4361), and the whole run waited on it.
     */
    static final Duration UNANSWERED = Duration.ofSeconds(30);

    /** A non-blocking operation (HTTP) kept {@code concurrency} in flight; it must emit true on success. */
    static Result reactive(String name, int concurrency, int operations, IntFunction<Mono<Boolean>> operation) {
        long[] latencies = new long[operations];
        AtomicInteger failures = new AtomicInteger();
        AtomicLong started = new AtomicLong(System.nanoTime());
        Flux.range(0, operations)
                .flatMap(i -> Mono.defer(() -> {
                    long start = System.nanoTime();
                    return operation.apply(i)
                            .timeout(UNANSWERED, Mono.fromSupplier(() -> {
                                log.warn("{}: operation {} got no answer within {} (a failure)", name, i, UNANSWERED);
                                return false;
                            }))
                            .onErrorReturn(false)
                            .defaultIfEmpty(false)
                            .doOnNext(ok -> {
                                latencies[i] = System.nanoTime() - start;
                                if (!ok) {
                                    failures.incrementAndGet();
                                }
                            });
                }), concurrency)
                .blockLast(Duration.ofMinutes(10));
        return result(name, operations, failures.get(), System.nanoTime() - started.get(), latencies);
    }

    private static Result result(String name, int operations, int failures, long elapsedNanos, long[] latencies) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new Result(name, operations, failures, Duration.ofNanos(elapsedNanos), percentile(sorted, 0.50) / 1000,
                percentile(sorted, 0.99) / 1000);
    }

    static long percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(fraction * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
