package az.ekabinet.command.auth.session;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The live sessions this node looked up in the last seconds, so that a caller's next requests do not each read the
 * session table again (every authenticated request does: a balance read was two queries, the session and the
 * balance). It holds only what the database said, and only while it can hear every revocation.
 *
 * <p><b>Why a revoked session is not served from here.</b>
 * <ul>
 * <li>Every revocation notifies all nodes ({@link SessionStore#REVOCATIONS_CHANNEL}, sent by PostgreSQL when the
 * revoking statement commits); each node evicts on receipt ({@link #onNotification}). The node that revoked also
 * evicts before it answers, so a logout's own node refuses the token at once; another node refuses it as soon as the
 * notification arrives (milliseconds).</li>
 * <li>A lookup that raced with a revocation is not kept: an entry is stored only if this node evicted nothing since
 * the lookup began (a generation counter, checked again after storing, so an eviction in between still wins).</li>
 * <li>It serves only while this node demonstrably hears notifications: its listening connection is up, and a
 * heartbeat this node sent through its pool ({@link #heartbeatPayload}) came back on it within
 * {@link #HEARD_WITHIN}. A listening connection that died silently, or one on another server than the pool after a
 * fail-over, stops the cache within seconds. Listening again starts from an empty cache.</li>
 * <li>An entry is usable only until shortly after the session's recorded last use (then the table is read and the
 * use recorded, as without a cache), and never past the session's end.</li>
 * </ul>
 * Plain concurrent-map operations only: it is used on event-loop threads, where a lock could park the loop.
 */
public final class SessionCache {

    /** How often the node should send its heartbeat ({@link #heartbeatPayload}). */
    public static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(1);
    /** Serving from memory stops when this node's own heartbeat was not heard for this long. */
    static final Duration HEARD_WITHIN = Duration.ofSeconds(3);

    private static final String TOKEN = "t:";
    private static final String PRINCIPAL = "p:";
    private static final String HEARTBEAT = "h:";

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final long maxEntries;
    private final LongSupplier nanoTime;
    private final String heartbeat = HEARTBEAT + UUID.randomUUID();
    private final AtomicLong generation = new AtomicLong();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private volatile boolean listening;
    private volatile long heardAt;

    private record Entry(SessionPrincipal principal, Instant usableUntil) {
    }

    /** @param maxEntries 0 turns the cache off: every request reads the session table */
    public SessionCache(long maxEntries) {
        this(maxEntries, System::nanoTime);
    }

    SessionCache(long maxEntries, LongSupplier nanoTime) {
        this.maxEntries = Math.max(maxEntries, 0);
        this.nanoTime = nanoTime;
        this.heardAt = nanoTime.getAsLong() - HEARD_WITHIN.toNanos() - 1;
    }

    /** The revocation payload of one session, by the hex form of its token's hash. */
    static String tokenPayload(String tokenHashHex) {
        return TOKEN + tokenHashHex;
    }

    /** The revocation payload of all sessions of a principal. */
    static String principalPayload(String principal) {
        return PRINCIPAL + principal;
    }

    /** What this node sends on {@link SessionStore#REVOCATIONS_CHANNEL} every {@link #HEARTBEAT_EVERY}. */
    public String heartbeatPayload() {
        return heartbeat;
    }

    /** Taken before a lookup and handed to {@link #keep}: whether anything was evicted in between. */
    long generation() {
        return generation.get();
    }

    /** The cached principal of a session, or null when the table must be read. */
    SessionPrincipal find(String tokenHashHex, Instant now) {
        if (!serving()) {
            return null;
        }
        Entry entry = entries.get(tokenHashHex);
        if (entry == null || !now.isBefore(entry.usableUntil())) {
            misses.increment();
            return null;
        }
        hits.increment();
        return entry.principal();
    }

    /** Keeps what a lookup begun at {@code generationBefore} found, unless something was evicted since. */
    void keep(String tokenHashHex, SessionPrincipal principal, Instant usableUntil, long generationBefore) {
        if (!serving() || generation.get() != generationBefore || entries.size() >= maxEntries) {
            return;
        }
        Entry entry = new Entry(principal, usableUntil);
        entries.put(tokenHashHex, entry);
        // an eviction between the check above and the put bumped the generation before removing: undo the put
        if (!listening || generation.get() != generationBefore) {
            entries.remove(tokenHashHex, entry);
        }
    }

    void evictToken(String tokenHashHex) {
        generation.incrementAndGet();
        entries.remove(tokenHashHex);
    }

    void evictPrincipal(String principal) {
        generation.incrementAndGet();
        entries.values().removeIf(entry -> entry.principal().name().equals(principal));
    }

    /** Drops the entries no longer usable at {@code now} (they would only be read past). */
    public void sweep(Instant now) {
        entries.values().removeIf(entry -> !now.isBefore(entry.usableUntil()));
    }

    /**
     * A notification on {@link SessionStore#REVOCATIONS_CHANNEL}, from this node or another: a revocation, or a
     * heartbeat. Unknown payloads clear everything (the safe side).
     */
    public void onNotification(String payload) {
        if (payload.startsWith(TOKEN)) {
            evictToken(payload.substring(TOKEN.length()));
        } else if (payload.startsWith(PRINCIPAL)) {
            evictPrincipal(payload.substring(PRINCIPAL.length()));
        } else if (payload.equals(heartbeat)) {
            heardAt = nanoTime.getAsLong();
        } else if (!payload.startsWith(HEARTBEAT)) {
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

    /** Whether it is on at all (off: every request reads the table, and no heartbeat is needed). */
    public boolean enabled() {
        return maxEntries > 0;
    }

    /** Whether sessions may come from memory now: on, listening, and this node's own heartbeat heard lately. */
    public boolean serving() {
        return maxEntries > 0 && listening && nanoTime.getAsLong() - heardAt < HEARD_WITHIN.toNanos();
    }

    /** Requests answered from memory. */
    public long hits() {
        return hits.sum();
    }

    /** Requests that looked here and read the table (absent or used up); not counted while not serving. */
    public long misses() {
        return misses.sum();
    }

    /** Starts empty (after a notification could not be handled, for instance). */
    public void forgetAll() {
        clear();
    }

    private void clear() {
        generation.incrementAndGet();
        entries.clear();
    }
}
