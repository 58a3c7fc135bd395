package az.ekabinet.command.shared.throttle;

import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.TooManyRequestsException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import reactor.core.scheduler.Schedulers;

/**
 * The throttle for unit tests: failures and successes are counted in memory by key (instead of in
 * {@code command.login_throttle}), and a key named in {@link #block} is refused with 429 as a blocked one would be.
 */
public class CountingThrottle extends FailureThrottle {

    private final List<String> failures = new ArrayList<>();
    private final List<String> successes = new ArrayList<>();
    private final Set<String> blocked = new HashSet<>();

    public CountingThrottle() {
        super(null, Clock.systemUTC(), Schedulers.immediate());
    }

    public CountingThrottle block(String key) {
        blocked.add(key);
        return this;
    }

    @Override
    public void checkNotBlocked(ErrorCode code, Limit... limits) {
        if (Arrays.stream(limits).map(Limit::key).anyMatch(blocked::contains)) {
            throw new TooManyRequestsException(code, 60);
        }
    }

    @Override
    public void recordFailure(Limit... limits) {
        Arrays.stream(limits).map(Limit::key).forEach(failures::add);
    }

    @Override
    public void recordSuccess(Limit limit) {
        successes.add(limit.key());
    }

    /** The keys failures were counted against, one entry per failure and key. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    public List<String> successes() {
        return List.copyOf(successes);
    }
}
