package az.ekabinet.command.auth.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live sessions this node looked up in the last seconds, so that a caller's next requests do not each read the
 * session table again (every authenticated request does: a balance read was two queries, the session and the
 * balance). It holds only what the database said, and only while it can hear every revocation.
 *
 * <p><b>Why a revoked session is not served from here.</b>
 * <ul>
 * <li>Every revocation notifies all nodes ({@link SessionStore#REVOCATIONS_CHANNEL}, sent by PostgreSQL when the
 * revoking statement commits); each node evicts on receipt ({@link #onRevocation}). The node that revoked also evicts
 * before it answers, so a logout's own node refuses the token at once; another node refuses it as soon as the
 * notification arrives (milliseconds).</li>
 * <li>A lookup that raced with a revocation is not kept: an entry is stored only if this node evicted nothing since
 * the lookup began (a generation counter, checked after storing, so an eviction in between still wins).</li>
 * <li>It is used only while this node listens. Before listening begins and from the moment the listening connection
 * fails, every request reads the table; listening again starts from an empty cache, since notifications in between
 * were lost.</li>
 * <li>An entry is usable only until shortly after the session's recorded last use (then the table is read and the
 * use recorded, as without a cache), and never past the session's end.</li>
 * </ul>
 */
public final class SessionCache {

    private static final String TOKEN = "t:";
    private static final String PRINCIPAL = "p:";

    private final Cache<String, Entry> entries;
    private final boolean enabled;
    private final AtomicLong generation = new AtomicLong();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private volatile boolean listening;

    private record Entry(SessionPrincipal principal, Instant usableUntil) {
    }

    /** @param maxEntries 0 turns the cache off: every request reads the session table */
    public SessionCache(long maxEntries) {
        this.enabled = maxEntries > 0;
        this.entries = Caffeine.newBuilder().maximumSize(Math.max(maxEntries, 0))
                .expireAfterWrite(SessionStore.TOUCH_GRANULARITY) // never usable longer than that
                .build();
    }

    /** The revocation payload of one session, by the hex form of its token's hash. */
    static String tokenPayload(String tokenHashHex) {
        return TOKEN + tokenHashHex;
    }

    /** The revocation payload of all sessions of a principal. */
    static String principalPayload(String principal) {
        return PRINCIPAL + principal;
    }

    /** Taken before a lookup and handed to {@link #keep}: whether anything was evicted in between. */
    long generation() {
        return generation.get();
    }

    /** The cached principal of a session, or null when the table must be read. */
    SessionPrincipal find(String tokenHashHex, Instant now) {
        if (!enabled || !listening) {
            return null;
        }
        Entry entry = entries.getIfPresent(tokenHashHex);
        if (entry == null || !now.isBefore(entry.usableUntil())) {
            misses.increment();
            return null;
        }
        hits.increment();
        return entry.principal();
    }

    /** Keeps what a lookup begun at {@code generationBefore} found, unless something was evicted since. */
    void keep(String tokenHashHex, SessionPrincipal principal, Instant usableUntil, long generationBefore) {
        if (!enabled || !listening || generation.get() != generationBefore) {
            return;
        }
        Entry entry = new Entry(principal, usableUntil);
        entries.put(tokenHashHex, entry);
        // an eviction between the check above and the put bumped the generation before removing: undo the put
        if (!listening || generation.get() != generationBefore) {
            entries.asMap().remove(tokenHashHex, entry);
        }
    }

    void evictToken(String tokenHashHex) {
        generation.incrementAndGet();
        entries.invalidate(tokenHashHex);
    }

    void evictPrincipal(String principal) {
        generation.incrementAndGet();
        entries.asMap().values().removeIf(entry -> entry.principal().name().equals(principal));
    }

    /** A revocation notification, from this node or another. Unknown payloads clear everything (the safe side). */
    public void onRevocation(String payload) {
        if (payload.startsWith(TOKEN)) {
            evictToken(payload.substring(TOKEN.length()));
        } else if (payload.startsWith(PRINCIPAL)) {
            evictPrincipal(payload.substring(PRINCIPAL.length()));
        } else {
            clear();
        }
    }

    /** Listening began (again): whatever was revoked before is unknown here, so start empty. */
    public void listeningStarted() {
        clear();
        listening = true;
    }

    /** The listening connection failed: revocations may go unheard, so stop serving from memory at once. */
    public void listeningLost() {
        listening = false;
        clear();
    }

    public boolean listening() {
        return listening;
    }

    /** Requests answered from memory. */
    public long hits() {
        return hits.sum();
    }

    /** Requests that looked here and read the table (absent or used up); not counted while not listening. */
    public long misses() {
        return misses.sum();
    }

    private void clear() {
        generation.incrementAndGet();
        entries.invalidateAll();
    }
}
