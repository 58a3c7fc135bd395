package az.ekabinet.config.ops;

import az.ekabinet.query.ops.OpsCounters;
import az.ekabinet.query.ops.OpsFeed;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * The ops counters as Prometheus sees them (GET /actuator/prometheus): the totals, each event processor's lag
 * ({@code ekabinet_processor_lag{processor="..."}}, registered as processors appear), the load balancers' refusals
 * ({@code ekabinet_ops_balancer_refused{backend="..."}}, registered as backends appear) and this node's stream
 * subscribers. They read the feed's latest counters: no query of their own.
 */
@Component
public class OpsMetrics implements MeterBinder {

    private final OpsFeed feed;
    private final Set<String> processorsWithGauge = ConcurrentHashMap.newKeySet();
    private final Set<String> backendsWithGauge = ConcurrentHashMap.newKeySet();

    public OpsMetrics(OpsFeed feed) {
        this.feed = feed;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        total(registry, "ekabinet.ops.cabinets.opened", OpsCounters::cabinetsOpened);
        total(registry, "ekabinet.ops.payments.received", c -> c.paymentsReceived().count());
        total(registry, "ekabinet.ops.payments.credited", c -> c.paymentsCredited().count());
        total(registry, "ekabinet.ops.fees.charged", c -> c.feesCharged().count());
        total(registry, "ekabinet.ops.applications.confirmed", OpsCounters::applicationsConfirmed);
        total(registry, "ekabinet.ops.results.imported", c -> c.results().imported());
        total(registry, "ekabinet.ops.results.corrected", c -> c.results().corrected());
        total(registry, "ekabinet.ops.results.published", c -> c.results().published());
        total(registry, "ekabinet.event.store.head", OpsCounters::eventStoreHead);
        Gauge.builder("ekabinet.ops.stream.subscribers", feed, OpsFeed::subscribers)
                .description("ops stream subscribers on this node").register(registry);
        FunctionCounter.builder("ekabinet.ops.stream.cut.off", feed, OpsFeed::cutOff)
                .description("ops stream subscribers disconnected for falling behind").register(registry);
        feed.onCounters(counters -> counters.processors().stream()
                .filter(processor -> processorsWithGauge.add(processor.name()))
                .forEach(processor -> Gauge.builder("ekabinet.processor.lag", feed, f -> lag(f, processor.name()))
                        .tag("processor", processor.name())
                        .description("events between the event store's head and the processor's position")
                        .register(registry)));
        feed.onCounters(counters -> counters.balancer().stream()
                .filter(refusals -> backendsWithGauge.add(refusals.backend()))
                .forEach(refusals -> Gauge.builder("ekabinet.ops.balancer.refused", feed,
                                f -> refused(f, refusals.backend()))
                        .tag("backend", refusals.backend())
                        .description("answers the load balancers gave themselves, reaching no node (their refusals)")
                        .register(registry)));
    }

    private void total(MeterRegistry registry, String name, ToDoubleFunction<OpsCounters> value) {
        Gauge.builder(name, feed, f -> f.counters() == null ? Double.NaN : value.applyAsDouble(f.counters()))
                .register(registry);
    }

    private static double refused(OpsFeed feed, String backend) {
        OpsCounters counters = feed.counters();
        return counters == null ? Double.NaN : counters.balancer().stream()
                .filter(b -> b.backend().equals(backend)).mapToDouble(OpsCounters.BalancerRefusals::refused)
                .findFirst().orElse(Double.NaN);
    }

    private static double lag(OpsFeed feed, String processor) {
        OpsCounters counters = feed.counters();
        return counters == null ? Double.NaN : counters.processors().stream()
                .filter(p -> p.name().equals(processor)).mapToDouble(OpsCounters.Processor::lag).findFirst()
                .orElse(Double.NaN);
    }
}
