package az.ekabinet.command.shared.throttle;

import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.TooManyRequestsException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import org.springframework.beans.factory.annotation.Qualifier;
import reactor.core.scheduler.Scheduler;

/**
 * Slows down guessing (passwords, one-time codes, identities) by counting failures per key in a 15-minute window
 * and blocking a key for a while once it has had its free failures: a minute at first, doubling with each further
 * failure, never more than 15 minutes. Keys are shared by all nodes through the database ({@code command.login_throttle}).
 * Plain JDBC: callers run it on the password scheduler or another non-Netty thread.
 */
@Component
public class FailureThrottle {

    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration FIRST_BLOCK = Duration.ofMinutes(1);
    static final Duration MAX_BLOCK = Duration.ofMinutes(15);

    /** A counted key and how many failures it may have in a window before it is blocked. */
    public record Limit(String key, int freeFailures) {

        /** One account tried from one address: the citizen's own mistakes, or a guesser at their door. */
        public static Limit accountFromAddress(String account, String address) {
            return new Limit("account-address:" + account + "|" + address, 5);
        }

        /**
         * One account from anywhere: high enough that a guesser elsewhere cannot keep the citizen out cheaply, low
         * enough to stop guessing spread over many addresses.
         */
        public static Limit account(String account) {
            return new Limit("account:" + account, 50);
        }

        /** One client address, whatever it tries (many people may share one address). */
        public static Limit address(String purpose, String address) {
            return new Limit(purpose + "-address:" + address, 30);
        }
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Scheduler jdbcScheduler;

    /** @param jdbcScheduler the bounded scheduler for short JDBC work (the command scheduler, sized to the pool) */
    public FailureThrottle(JdbcTemplate jdbc, Clock clock, @Qualifier("commandScheduler") Scheduler jdbcScheduler) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.jdbcScheduler = jdbcScheduler;
    }

    /**
     * Runs {@code action} unless a key is blocked (then 429 {@code blockedCode}), and counts its failure against
     * every key when it fails in a way {@code countsAsFailure} accepts. The JDBC work runs off the event loop.
     */
    public <T> Mono<T> guarded(Mono<T> action, ErrorCode blockedCode, Predicate<Throwable> countsAsFailure,
                               Limit... limits) {
        return Mono.fromRunnable(() -> checkNotBlocked(blockedCode, limits))
                .subscribeOn(jdbcScheduler)
                .then(action)
                .onErrorResume(countsAsFailure, failure -> Mono.fromRunnable(() -> recordFailure(limits))
                        .subscribeOn(jdbcScheduler)
                        .then(Mono.error(failure)));
    }

    /** A failure that is a domain refusal with this code. */
    public static Predicate<Throwable> refusal(ErrorCode code) {
        return failure -> failure instanceof DomainException domain && domain.code() == code;
    }

    /** Refuses with 429 (and how long to wait) while any of the keys is blocked. */
    public void checkNotBlocked(ErrorCode code, Limit... limits) {
        Instant now = clock.instant();
        List<String> keys = Arrays.stream(limits).map(Limit::key).toList();
        List<Timestamp> blocks = jdbc.queryForList(
                "SELECT blocked_until FROM command.login_throttle WHERE throttle_key = ANY(?) AND blocked_until > ?",
                Timestamp.class, keys.toArray(String[]::new), Timestamp.from(now));
        blocks.stream().map(Timestamp::toInstant).max(Instant::compareTo).ifPresent(until -> {
            throw new TooManyRequestsException(code, Duration.between(now, until).toSeconds() + 1);
        });
    }

    public void recordFailure(Limit... limits) {
        Instant now = clock.instant();
        for (Limit limit : limits) {
            fail(limit, now);
        }
    }

    /** A success forgets the failures of these keys (e.g. the account from this address, not from everywhere). */
    public void recordSuccess(Limit limit) {
        jdbc.update("DELETE FROM command.login_throttle WHERE throttle_key = ?", limit.key());
    }

    private void fail(Limit limit, Instant now) {
        Integer failures = jdbc.queryForObject("""
                INSERT INTO command.login_throttle (throttle_key, failures, window_started) VALUES (?, 1, ?)
                ON CONFLICT (throttle_key) DO UPDATE SET
                    failures = CASE WHEN command.login_throttle.window_started < ? THEN 1
                                    ELSE command.login_throttle.failures + 1 END,
                    window_started = CASE WHEN command.login_throttle.window_started < ? THEN EXCLUDED.window_started
                                          ELSE command.login_throttle.window_started END
                RETURNING failures""", Integer.class,
                limit.key(), Timestamp.from(now), Timestamp.from(now.minus(WINDOW)), Timestamp.from(now.minus(WINDOW)));
        if (failures != null && failures >= limit.freeFailures()) {
            long doublings = Math.min(failures - limit.freeFailures(), 10);
            Duration block = FIRST_BLOCK.multipliedBy(1L << doublings);
            if (block.compareTo(MAX_BLOCK) > 0) {
                block = MAX_BLOCK;
            }
            jdbc.update("UPDATE command.login_throttle SET blocked_until = ? WHERE throttle_key = ?",
                    Timestamp.from(now.plus(block)), limit.key());
        }
    }
}
