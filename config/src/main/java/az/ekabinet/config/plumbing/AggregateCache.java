package az.ekabinet.config.plumbing;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * The recently used aggregates of one type, kept in memory so that the next command on the same wallet or
 * application neither reads nor deserializes its whole history again (Axon's caching event-sourcing repository).
 * Bounded by a number of entries and by idle time.
 *
 * <p><b>An entry is only ever a starting point.</b> Another node may have appended to an aggregate this node holds.
 * An entry is therefore never used as it is: {@link StoreCheckedCachingRepository} applies the events stored after it
 * before the command sees the aggregate, and an append that still collides with another node's (the unique
 * (aggregate, sequence) key) rolls back, which evicts the entry. Entries are only ever used under the repository's
 * per-aggregate lock, so aggregates that run without one (the exam session) are never cached.
 */
public final class AggregateCache implements Cache {

    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> entries;

    public AggregateCache(long maxEntries, Duration idle) {
        this(maxEntries, idle, Ticker.systemTicker());
    }

    AggregateCache(long maxEntries, Duration idle, Ticker ticker) {
        this.entries = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterAccess(idle).ticker(ticker).build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) entries.getIfPresent(key);
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.asMap().putIfAbsent(key, value) == null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return (T) entries.get(key, k -> valueSupplier.get());
    }

    @Override
    public boolean remove(Object key) {
        return entries.asMap().remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.invalidateAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.asMap().containsKey(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.asMap().computeIfPresent(key, (k, value) -> update.apply((V) value));
    }

    /** The repositories register no listeners; nothing here would call one. */
    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("the aggregate cache has no entry listeners");
    }

    /** How many entries it holds now (after pending evictions). */
    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
