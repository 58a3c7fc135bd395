package az.ekabinet.config.ops;

import az.ekabinet.query.ops.OpsCounters;
import az.ekabinet.query.ops.OpsFeed;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
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
        perName(registry, "ekabinet.processor.lag", "processor",
                "events between the event store's head and the processor's position",
                counters -> counters.processors().stream()
                        .collect(Collectors.toMap(OpsCounters.Processor::name, OpsCounters.Processor::lag)));
        perName(registry, "ekabinet.ops.balancer.refused", "backend",
                "answers the load balancers gave themselves, reaching no node (their refusals)",
                counters -> counters.balancer().stream().collect(Collectors.toMap(
                        OpsCounters.BalancerRefusals::backend, OpsCounters.BalancerRefusals::refused)));
    }

    private void total(MeterRegistry registry, String name, ToDoubleFunction<OpsCounters> value) {
        Gauge.builder(name, feed, f -> f.counters() == null ? Double.NaN : value.applyAsDouble(f.counters()))
                .register(registry);
    }

    /**
     * A gauge per name the counters list (a processor, a backend), registered as the name first appears; it reads the
     * feed's latest counters, NaN while they have none or no longer name it.
     */
    private void perName(MeterRegistry registry, String metric, String tag, String description,
                         Function<OpsCounters, Map<String, Long>> values) {
        Set<String> registered = ConcurrentHashMap.newKeySet();
        feed.onCounters(counters -> values.apply(counters).keySet().stream().filter(registered::add)
                .forEach(name -> Gauge.builder(metric, feed, f -> latest(f, values, name))
                        .tag(tag, name).description(description).register(registry)));
    }

    private static double latest(OpsFeed feed, Function<OpsCounters, Map<String, Long>> values, String name) {
        Long value = feed.counters() == null ? null : values.apply(feed.counters()).get(name);
        return value == null ? Double.NaN : value;
    }
}
