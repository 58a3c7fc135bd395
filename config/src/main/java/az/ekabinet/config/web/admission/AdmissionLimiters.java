package az.ekabinet.config.web.admission;

import az.ekabinet.domain.shared.RequestClass;
import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Each class's limit on a node (Netflix concurrency-limits). Browsing and money keep a fixed limit: in a cluster the
 * load balancer in front bounds what each node works on at once and refuses the rest without the node
 * ({@code config/cluster/haproxy.cfg}), so these limits only guard a node on its own. Password hashing follows
 * congestion the way TCP's window does (additive increase, multiplicative decrease), since its cost is the node's own
 * CPU and only the node can tell: an admitted check that took longer than {@code ekabinet.admission.latency-target},
 * or waited in front of the node longer than {@code ekabinet.admission.congestion-queue-time}, lowers the limit by a
 * tenth; one that did neither, with the class at least half busy, raises it by one; always between the hashing
 * threads (or the most, if fewer) and the most ({@link AdmissionLimits}), which is also where it starts. So a node
 * behind the load balancer, which sends it at most one check per hashing thread, never refuses one of them late.
 * When the cores are saturated, logins that would queue behind one another for seconds are refused at once instead.
 */
final class AdmissionLimiters {

    private static final double BACKOFF = 0.9;

    private AdmissionLimiters() {
    }

    static SimpleLimiter<Void> of(RequestClass requestClass, AdmissionLimits limits, AdmissionSettings settings) {
        return of(requestClass, limits, settings, System::nanoTime);
    }

    /** The same, timing requests by {@code nanoClock}. */
    static SimpleLimiter<Void> of(RequestClass requestClass, AdmissionLimits limits, AdmissionSettings settings,
                                  LongSupplier nanoClock) {
        int most = limits.of(requestClass);
        Limit limit = settings.adaptive() && requestClass == RequestClass.PASSWORD
                ? AIMDLimit.newBuilder().initialLimit(most).maxLimit(most)
                        .minLimit(Math.min(limits.hashing(), most)).backoffRatio(BACKOFF)
                        .timeout(settings.latencyTarget().toNanos(), TimeUnit.NANOSECONDS).build()
                : FixedLimit.of(most);
        return SimpleLimiter.newBuilder().named(requestClass.name()).limit(limit).nanoClock(nanoClock).build();
    }
}
