package az.ekabinet.command.auth.login;

import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.TooManyRequestsException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing per account and per client address (SPEC.md §3.4) without locking a citizen out for
 * long: after {@link #ACCOUNT_FREE_FAILURES} failures in a window an account is blocked for a minute, doubling
 * with each further failure up to {@link #MAX_BLOCK}; an address gets more room, since many people may share
 * one. A success clears the account. Shared by all nodes through the database. Runs on the password scheduler.
 */
@Component
public class LoginThrottle {

    static final Duration WINDOW = Duration.ofMinutes(15);
    static final int ACCOUNT_FREE_FAILURES = 5;
    static final int ADDRESS_FREE_FAILURES = 30;
    static final Duration FIRST_BLOCK = Duration.ofMinutes(1);
    static final Duration MAX_BLOCK = Duration.ofMinutes(15);

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public LoginThrottle(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** @param account the principal (e.g. {@code cabinet:5ZK3M7P}), or {@code unknown:<username>} */
    static String accountKey(String account) {
        return "account:" + account.toUpperCase(Locale.ROOT);
    }

    static String addressKey(String address) {
        return "address:" + address;
    }

    /** Refuses with 429 while either key is blocked. */
    public void checkNotBlocked(String account, String address) {
        Instant now = clock.instant();
        List<Timestamp> blocks = jdbc.queryForList("""
                SELECT blocked_until FROM command.login_throttle
                WHERE throttle_key IN (?, ?) AND blocked_until > ?""", Timestamp.class,
                accountKey(account), addressKey(address), Timestamp.from(now));
        blocks.stream().map(Timestamp::toInstant).max(Instant::compareTo).ifPresent(until -> {
            throw new TooManyRequestsException(ErrorCode.TOO_MANY_LOGIN_ATTEMPTS,
                    Duration.between(now, until).toSeconds() + 1);
        });
    }

    public void recordFailure(String account, String address) {
        Instant now = clock.instant();
        fail(accountKey(account), ACCOUNT_FREE_FAILURES, now);
        fail(addressKey(address), ADDRESS_FREE_FAILURES, now);
    }

    public void recordSuccess(String account) {
        jdbc.update("DELETE FROM command.login_throttle WHERE throttle_key = ?", accountKey(account));
    }

    private void fail(String key, int freeFailures, Instant now) {
        Integer failures = jdbc.queryForObject("""
                INSERT INTO command.login_throttle (throttle_key, failures, window_started) VALUES (?, 1, ?)
                ON CONFLICT (throttle_key) DO UPDATE SET
                    failures = CASE WHEN command.login_throttle.window_started < ? THEN 1
                                    ELSE command.login_throttle.failures + 1 END,
                    window_started = CASE WHEN command.login_throttle.window_started < ? THEN EXCLUDED.window_started
                                          ELSE command.login_throttle.window_started END
                RETURNING failures""", Integer.class,
                key, Timestamp.from(now), Timestamp.from(now.minus(WINDOW)), Timestamp.from(now.minus(WINDOW)));
        if (failures != null && failures >= freeFailures) {
            long doublings = Math.min(failures - freeFailures, 10);
            Duration block = FIRST_BLOCK.multipliedBy(1L << doublings);
            if (block.compareTo(MAX_BLOCK) > 0) {
                block = MAX_BLOCK;
            }
            jdbc.update("UPDATE command.login_throttle SET blocked_until = ? WHERE throttle_key = ?",
                    Timestamp.from(now.plus(block)), key);
        }
    }
}
