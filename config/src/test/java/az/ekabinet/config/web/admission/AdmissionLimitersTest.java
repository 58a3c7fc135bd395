package az.ekabinet.config.web.admission;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.domain.shared.RequestClass;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** How the password limit moves (down by a tenth on congestion, up by one when calm and half busy); the rest stay. */
class AdmissionLimitersTest {

    static final AdmissionLimits LIMITS = new AdmissionLimits(64, 64, 12, 1);

    final AtomicLong nanos = new AtomicLong();

    private SimpleLimiter<Void> limiter(RequestClass requestClass, Map<String, String> values) {
        return limiter(requestClass, values, LIMITS);
    }

    private SimpleLimiter<Void> limiter(RequestClass requestClass, Map<String, String> values,
                                        AdmissionLimits limits) {
        AdmissionSettings settings = new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("ekabinet.admission", AdmissionSettings.class);
        return AdmissionLimiters.of(requestClass, limits, settings, nanos::get);
    }

    private static Limiter.Listener admit(SimpleLimiter<Void> limiter) {
        return limiter.acquire(null).orElseThrow(() -> new AssertionError("refused at " + limiter.getLimit()));
    }

    @Test
    void congestionLowersThePasswordLimitByATenthDownToOne() {
        SimpleLimiter<Void> password = limiter(RequestClass.PASSWORD, Map.of());
        assertThat(password.getLimit()).as("it starts at the most").isEqualTo(12);

        admit(password).onDropped(); // a check that waited too long in front of the node
        assertThat(password.getLimit()).isEqualTo(10);
        for (int i = 0; i < 30; i++) {
            admit(password).onDropped();
        }
        assertThat(password.getLimit()).isEqualTo(1);
        Limiter.Listener only = admit(password);
        assertThat(password.acquire(null)).as("the second at once is refused").isEmpty();
        only.onSuccess(); // calm, admitted with the class full: one more
        assertThat(password.getLimit()).isEqualTo(2);
    }

    @Test
    void congestionNeverLowersThePasswordLimitBelowTheHashingThreads() {
        SimpleLimiter<Void> password = limiter(RequestClass.PASSWORD, Map.of(), new AdmissionLimits(64, 64, 12, 3));
        for (int i = 0; i < 30; i++) {
            admit(password).onDropped();
        }
        assertThat(password.getLimit()).as("one check per hashing thread, as the balancer sends").isEqualTo(3);
        List<Limiter.Listener> hashing = List.of(admit(password), admit(password), admit(password));
        assertThat(password.acquire(null)).as("a fourth at once is refused").isEmpty();
        hashing.forEach(Limiter.Listener::onIgnore);
    }

    @Test
    void aCheckSlowerThanTheLatencyTargetIsCongestionToo() {
        SimpleLimiter<Void> password = limiter(RequestClass.PASSWORD,
                Map.of("ekabinet.admission.latency-target", "500ms"));

        Limiter.Listener quick = admit(password);
        nanos.addAndGet(Duration.ofMillis(499).toNanos());
        quick.onSuccess();
        assertThat(password.getLimit()).as("within the target, the class far from half busy: unchanged").isEqualTo(12);

        Limiter.Listener slow = admit(password);
        nanos.addAndGet(Duration.ofMillis(501).toNanos());
        slow.onSuccess();
        assertThat(password.getLimit()).isEqualTo(10);
    }

    @Test
    void aCalmClassHalfBusyGrowsByOneUpToTheMost() {
        SimpleLimiter<Void> password = limiter(RequestClass.PASSWORD, Map.of());
        for (int i = 0; i < 30; i++) {
            admit(password).onDropped();
        }
        List<Limiter.Listener> busy = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            busy.add(admit(password));
            if (busy.size() * 2 > password.getLimit()) {
                busy.remove(0).onSuccess();
            }
        }
        busy.forEach(Limiter.Listener::onSuccess);
        assertThat(password.getLimit()).as("kept half busy, it grows to the most and no further").isEqualTo(12);
    }

    @Test
    void browsingAndMoneyAndEverythingWithAdaptiveOffKeepAFixedLimit() {
        List<SimpleLimiter<Void>> fixed = List.of(limiter(RequestClass.BROWSING, Map.of()),
                limiter(RequestClass.CRITICAL, Map.of()),
                limiter(RequestClass.PASSWORD, Map.of("ekabinet.admission.adaptive", "false")));
        for (SimpleLimiter<Void> limiter : fixed) {
            int before = limiter.getLimit();
            for (int i = 0; i < 10; i++) {
                admit(limiter).onDropped();
            }
            assertThat(limiter.getLimit()).isEqualTo(before);
        }
        assertThat(fixed).extracting(SimpleLimiter::getLimit).containsExactly(64, 64, 12);
    }
}
