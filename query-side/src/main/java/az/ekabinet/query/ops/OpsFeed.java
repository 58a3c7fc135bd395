package az.ekabinet.query.ops;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * One node's fan-out of the ops stream: the event-store tail and the counters publish here, each subscriber reads
 * its own bounded mailbox. Publishing never waits for a subscriber: a message goes into every mailbox at once, and
 * a live subscriber whose mailbox is full (a stuck or very slow client) is cut off on the spot — its connection
 * closes and it resumes with Last-Event-ID, reading what it missed from the event store — so it never slows the node
 * or the other subscribers, and never holds more than {@code bufferSize} messages (rounded up to a power of two). A
 * subscriber still catching up from the store when its mailbox fills is not cut off: it reads on from the store.
 *
 * <p>Resuming without duplicates or holes: {@link #position()} is the global index up to which every event has
 * been published (or given up on as a hole that never filled, see {@code EventStoreTail}); it is moved forward
 * <em>before</em> the event at that index is published. A subscriber's mailbox is registered first and the
 * position read after; the subscriber then gets the events in (Last-Event-ID, position] from the event store and
 * from its mailbox only the events above both. An event published while it registered is either above the
 * position it read (in the mailbox and not in the store read) or at most that position (in the store read and
 * filtered out of the mailbox); none is in both, none in neither.
 *
 * <p>{@link #advanceTo} and {@link #publish} are called from one thread only (the tail's and counters' scheduler).
 */
public class OpsFeed {

    private static final Logger log = LoggerFactory.getLogger(OpsFeed.class);

    private final int bufferSize;
    private final BiFunction<Long, Long, Flux<OpsActivity>> missed;
    private final Set<Mailbox> mailboxes = ConcurrentHashMap.newKeySet();
    private final List<Consumer<OpsCounters>> countersListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong cutOff = new AtomicLong();
    private volatile long position;
    private volatile OpsCounters counters;

    /**
     * @param missed the activities in (after, upTo] read from the event store, in order
     */
    public OpsFeed(int bufferSize, BiFunction<Long, Long, Flux<OpsActivity>> missed) {
        this.bufferSize = bufferSize;
        this.missed = missed;
    }

    /**
     * The stream of one subscriber: the latest counters if any, then — with a Last-Event-ID — the activities it
     * missed, then live activities and counters.
     */
    public Flux<OpsMessage> subscribe(Long lastEventId) {
        return Flux.concat(Mono.defer(() -> Mono.justOrEmpty(counters)), activitiesAfter(lastEventId));
    }

    /**
     * Catching up, then live. Should more activities happen while it catches up than its mailbox holds, it is not
     * cut off (it is not slow, just behind): it reads on from the store, and goes live once it keeps up.
     */
    private Flux<OpsMessage> activitiesAfter(Long lastEventId) {
        return Flux.defer(() -> {
            Mailbox mailbox = new Mailbox();
            mailboxes.add(mailbox);
            long upTo = position; // after registering: see the class comment
            long after = lastEventId == null ? upTo : lastEventId;
            Flux<OpsMessage> activities = after >= upTo ? mailbox.live(after)
                    : Flux.<OpsMessage>concat(missed.apply(after, upTo), Flux.defer(() -> mailbox.overflowed()
                            ? activitiesAfter(upTo) // what it missed meanwhile is in the store: read on from there
                            : mailbox.live(upTo)));
            return activities.doFinally(signal -> mailboxes.remove(mailbox));
        });
    }

    /** Every event up to {@code index} is published (or given up on): called before publishing the one at it. */
    void advanceTo(long index) {
        position = index;
    }

    void publish(OpsMessage message) {
        for (Mailbox mailbox : mailboxes) {
            mailbox.offer(message);
        }
    }

    void publishCounters(OpsCounters latest) {
        counters = latest;
        publish(latest);
        countersListeners.forEach(listener -> listener.accept(latest));
    }

    public long position() {
        return position;
    }

    /** The latest counters, or null before the first reading. */
    public OpsCounters counters() {
        return counters;
    }

    /** Called with each new reading of the counters, on the feed's thread (e.g. to register metrics). */
    public void onCounters(Consumer<OpsCounters> listener) {
        countersListeners.add(listener);
    }

    public int subscribers() {
        return mailboxes.size();
    }

    /** Subscribers cut off because their mailbox was full, since start. */
    public long cutOff() {
        return cutOff.get();
    }

    /** Thrown into a subscriber's stream when its mailbox overflows: the server closes its connection. */
    public static class SlowSubscriberException extends RuntimeException {
        SlowSubscriberException(int bufferSize) {
            super("an ops stream subscriber fell " + bufferSize + " messages behind and was disconnected", null,
                    false, false);
        }
    }

    private final class Mailbox {

        private final Sinks.Many<OpsMessage> queue =
                Sinks.many().unicast().onBackpressureBuffer(Queues.<OpsMessage>get(bufferSize).get());
        private final Sinks.Empty<OpsMessage> overflow = Sinks.empty();
        private volatile boolean overflowed;

        void offer(OpsMessage message) {
            Sinks.EmitResult result = queue.tryEmitNext(message);
            if (result.isSuccess() || !mailboxes.remove(this)) {
                return;
            }
            if (result == Sinks.EmitResult.FAIL_OVERFLOW || result == Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
                // full; FAIL_ZERO_SUBSCRIBER: full while its subscriber was still catching up from the store
                overflowed = true;
                overflow.tryEmitError(new SlowSubscriberException(bufferSize));
            }
        }

        boolean overflowed() {
            return overflowed;
        }

        /**
         * The live messages above {@code after}. An overflow overtakes them (a prefetch of 1 keeps the mailbox the
         * only place where messages wait), so a stuck client is cut off at once.
         */
        Flux<OpsMessage> live(long after) {
            Mono<OpsMessage> cutOff = overflow.asMono().doOnError(e -> {
                OpsFeed.this.cutOff.incrementAndGet();
                log.info("An ops stream subscriber fell {} messages behind: disconnected", bufferSize);
            });
            return Flux.merge(1, queue.asFlux().filter(m -> !(m instanceof OpsActivity a) || a.id() > after), cutOff);
        }
    }
}
