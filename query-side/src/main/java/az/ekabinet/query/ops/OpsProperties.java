package az.ekabinet.query.ops;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ekabinet.ops.*}: the operators' stream. Every value has a default.
 *
 * @param countersInterval how often each node reads the counters and sends them to its subscribers (5 s)
 * @param pollInterval     how often a node looks at the event store without having been notified: a safety net
 *                         for notifications lost while its listening connection reconnects (5 s)
 * @param subscriberBuffer messages one subscriber may have waiting (at least this, rounded up to a power of two);
 *                         a subscriber that falls that far behind is disconnected and resumes with Last-Event-ID (256)
 * @param gapMinWait       how long a hole in the global index is waited for at least, once no transaction that was
 *                         running when it was seen still runs (200 ms)
 * @param gapMaxWait       how long a hole is waited for at most, whatever runs (10 s)
 * @param pageSize         events read from the event store per query (500)
 * @param readInterval     the least time between two reads of the event store for the stream: commits notified
 *                         meanwhile are read together, so a node under load reads at most 20 times a second, not
 *                         once per commit (50 ms; 0 reads on every notification)
 */
@ConfigurationProperties("ekabinet.ops")
public record OpsProperties(Duration countersInterval, Duration pollInterval, Integer subscriberBuffer,
                            Duration gapMinWait, Duration gapMaxWait, Integer pageSize, Duration readInterval) {

    public OpsProperties {
        countersInterval = positive(countersInterval, Duration.ofSeconds(5), "counters-interval");
        pollInterval = positive(pollInterval, Duration.ofSeconds(5), "poll-interval");
        subscriberBuffer = subscriberBuffer == null ? 256 : subscriberBuffer;
        gapMinWait = gapMinWait == null ? Duration.ofMillis(200) : gapMinWait;
        gapMaxWait = positive(gapMaxWait, Duration.ofSeconds(10), "gap-max-wait");
        pageSize = pageSize == null ? 500 : pageSize;
        readInterval = readInterval == null ? Duration.ofMillis(50) : readInterval;
        if (subscriberBuffer < 2 || pageSize < 1 || gapMinWait.isNegative() || gapMinWait.compareTo(gapMaxWait) > 0
                || readInterval.isNegative()) {
            throw new IllegalArgumentException("ekabinet.ops: subscriber-buffer >= 2, page-size >= 1, "
                    + "0 <= gap-min-wait <= gap-max-wait and read-interval >= 0");
        }
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("ekabinet.ops." + name + " must be positive");
        }
        return value;
    }
}
