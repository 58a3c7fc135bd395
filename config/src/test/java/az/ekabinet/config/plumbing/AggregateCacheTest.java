package az.ekabinet.config.plumbing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AggregateCacheTest {

    @Test
    void keepsAndForgetsEntriesAsTheRepositoryAsks() {
        var cache = new AggregateCache(100, Duration.ofMinutes(10));
        cache.put("wallet:a", "entry a");
        assertThat(cache.<String, String>get("wallet:a")).isEqualTo("entry a");
        assertThat(cache.containsKey("wallet:a")).isTrue();

        assertThat(cache.putIfAbsent("wallet:a", "other")).isFalse();
        assertThat(cache.putIfAbsent("wallet:b", "entry b")).isTrue();
        cache.<String>computeIfPresent("wallet:b", value -> value + " changed");
        assertThat(cache.<String, String>get("wallet:b")).isEqualTo("entry b changed");
        assertThat(cache.<String>computeIfAbsent("wallet:c", () -> "entry c")).isEqualTo("entry c");
        assertThat(cache.<String>computeIfAbsent("wallet:c", () -> "never")).isEqualTo("entry c");

        // what the repository does when a unit of work rolls back
        assertThat(cache.remove("wallet:a")).isTrue();
        assertThat(cache.remove("wallet:a")).isFalse();
        assertThat(cache.<String, String>get("wallet:a")).isNull();
        cache.removeAll();
        assertThat(cache.size()).isZero();
    }

    @Test
    void holdsNoMoreThanItsBound() {
        var cache = new AggregateCache(50, Duration.ofMinutes(10));
        IntStream.range(0, 1_000).forEach(i -> cache.put("wallet:" + i, "entry " + i));
        assertThat(cache.size()).isLessThanOrEqualTo(50);
    }

    @Test
    void forgetsWhatWasNotUsedForItsIdleTime() {
        AtomicLong nanos = new AtomicLong();
        var cache = new AggregateCache(50, Duration.ofMinutes(10), nanos::get);
        cache.put("wallet:a", "entry a");
        cache.put("wallet:b", "entry b");
        nanos.addAndGet(Duration.ofMinutes(6).toNanos());
        assertThat(cache.<String, String>get("wallet:b")).isEqualTo("entry b"); // used: its ten minutes start again
        nanos.addAndGet(Duration.ofMinutes(6).toNanos());
        assertThat(cache.<String, String>get("wallet:a")).isNull();
        assertThat(cache.<String, String>get("wallet:b")).isEqualTo("entry b");
    }

    @Test
    void offersNoEntryListeners() {
        var cache = new AggregateCache(50, Duration.ofMinutes(10));
        assertThatThrownBy(() -> cache.registerCacheEntryListener(null))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
