package az.ekabinet.query.audit;

import java.util.List;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads a long table a page at a time by its key ({@code WHERE key > :after ORDER BY key LIMIT :size}) as one
 * stream. The next page is queried only once the one before has been handed on, so at most about two pages are
 * held, however long the table and however slow the reader.
 */
public final class KeysetPages {

    public static final int PAGE_SIZE = 500;

    private KeysetPages() {
    }

    /**
     * @param after the key to start after
     * @param page  the rows with a key after the given one, in key order, at most {@link #PAGE_SIZE}
     * @param keyOf a row's key
     */
    public static <T, K> Flux<T> stream(K after, Function<K, Flux<T>> page, Function<T, K> keyOf) {
        return stream(after, PAGE_SIZE, page, keyOf);
    }

    /** The same with pages of {@code pageSize} rows (large rows want small pages). */
    public static <T, K> Flux<T> stream(K after, int pageSize, Function<K, Flux<T>> page, Function<T, K> keyOf) {
        return page.apply(after).collectList()
                .expand(rows -> rows.size() < pageSize ? Mono.empty()
                        : page.apply(keyOf.apply(rows.get(rows.size() - 1))).collectList())
                .flatMapIterable(Function.<List<T>>identity(), 1);
    }
}
