package az.ekabinet.config.web.admission;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many requests of each {@link az.ekabinet.domain.shared.RequestClass} a node works on at once
 * ({@code ekabinet.admission.*}); unset, each is derived from what bounds that work (see {@link AdmissionLimits}).
 *
 * @param browsing   reads, forms and PDFs at once; default twice the JDBC and R2DBC pools together
 * @param critical   money and fee requests at once; default twice the JDBC and R2DBC pools together
 * @param password   requests hashing a password at once; default three times the hashing threads
 * @param retryAfter what a refused request is told to wait ({@code Retry-After}, whole seconds)
 * @param reportInterval how often the node writes what it admitted and refused, for the ops counters
 * @param maxQueueTime how long a request may have waited in front of the node (since the load balancer received it,
 *                     its {@code X-Request-Start}) and still be worked on; one that waited longer is refused at once.
 *                     A backstop: behind HAProxy, which bounds what each node works on, a request that reached a
 *                     busy node late is worth serving, since refusing it then is no quicker for its client
 * @param adaptive     whether the password limit follows congestion ({@link AdmissionLimiters}); false keeps it
 *                     fixed at {@code password}
 * @param congestionQueueTime an admitted password check that waited longer than this in front of the node is a sign
 *                     of congestion
 * @param latencyTarget an admitted password check that took longer than this in the node is a sign of congestion
 * @param balancerStatistics the Prometheus exporters ({@code http://host:port/metrics}) of the HAProxy instances in
 *                     front of the nodes, whose own refusals no node sees: each node reads them when it reports and
 *                     the ops counters add them up; none by default (a node on its own)
 */
@ConfigurationProperties("ekabinet.admission")
public record AdmissionSettings(Integer browsing, Integer critical, Integer password,
                                @DefaultValue("1s") Duration retryAfter, @DefaultValue("5s") Duration reportInterval,
                                @DefaultValue("500ms") Duration maxQueueTime, @DefaultValue("true") boolean adaptive,
                                @DefaultValue("50ms") Duration congestionQueueTime,
                                @DefaultValue("500ms") Duration latencyTarget,
                                @DefaultValue List<URI> balancerStatistics) {

    public AdmissionSettings {
        atLeastOne(browsing, "browsing");
        atLeastOne(critical, "critical");
        atLeastOne(password, "password");
        if (retryAfter.toSeconds() < 1) {
            throw new IllegalArgumentException("ekabinet.admission.retry-after must be at least 1s");
        }
        positive(reportInterval, "report-interval");
        positive(maxQueueTime, "max-queue-time");
        positive(congestionQueueTime, "congestion-queue-time");
        positive(latencyTarget, "latency-target");
        for (URI exporter : balancerStatistics) {
            if (!"http".equals(exporter.getScheme()) && !"https".equals(exporter.getScheme())) {
                throw new IllegalArgumentException(
                        "ekabinet.admission.balancer-statistics must be http(s) addresses: " + exporter);
            }
        }
        balancerStatistics = List.copyOf(balancerStatistics);
    }

    private static void positive(Duration duration, String name) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("ekabinet.admission." + name + " must be positive");
        }
    }

    private static void atLeastOne(Integer limit, String name) {
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("ekabinet.admission." + name + " must be at least 1");
        }
    }
}
