package az.ekabinet.config.web.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import az.ekabinet.config.RuntimeSettings;
import az.ekabinet.domain.shared.RequestClass;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.r2dbc.R2dbcProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Each class's slots: what bounds its work on the node unless set (ekabinet.admission.*). */
class AdmissionLimitsTest {

    private static AdmissionSettings settings(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("ekabinet.admission", AdmissionSettings.class);
    }

    private static AdmissionLimits limits(AdmissionSettings settings, int jdbcPool, int r2dbcPool, int hashing) {
        try (var jdbc = new HikariDataSource()) {
            jdbc.setMaximumPoolSize(jdbcPool);
            var r2dbc = new R2dbcProperties();
            r2dbc.getPool().setMaxSize(r2dbcPool);
            var runtime = new RuntimeSettings(new RuntimeSettings.Commands(10_000),
                    new RuntimeSettings.Passwords(hashing, 11), new RuntimeSettings.Printing(2));
            return AdmissionLimits.of(settings, jdbc, r2dbc, runtime);
        }
    }

    @Test
    void unsetTheLimitsComeFromThePoolsAndTheHashingThreads() {
        AdmissionLimits limits = limits(settings(Map.of()), 16, 12, 4);

        assertThat(limits.of(RequestClass.BROWSING)).as("twice the JDBC and R2DBC connections").isEqualTo(56);
        assertThat(limits.of(RequestClass.CRITICAL)).as("the same, in slots of their own").isEqualTo(56);
        assertThat(limits.of(RequestClass.PASSWORD)).as("three per hashing thread").isEqualTo(12);
        assertThat(limits.hashing()).as("the hashing threads").isEqualTo(4);
        assertThat(settings(Map.of()).retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings(Map.of()).maxQueueTime()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings(Map.of()).adaptive()).isTrue();
        assertThat(settings(Map.of()).congestionQueueTime()).isEqualTo(Duration.ofMillis(50));
        assertThat(settings(Map.of()).latencyTarget()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings(Map.of()).balancerStatistics()).as("no balancer in front of a node on its own").isEmpty();
    }

    @Test
    void theBalancersExportersAreAddressesOfTheirOwn() {
        assertThat(settings(Map.of("ekabinet.admission.balancer-statistics",
                "http://lb1:8404/metrics,http://lb2:8404/metrics")).balancerStatistics())
                .containsExactly(URI.create("http://lb1:8404/metrics"), URI.create("http://lb2:8404/metrics"));
        assertThatThrownBy(() -> settings(Map.of("ekabinet.admission.balancer-statistics", "lb1:8404")))
                .isInstanceOf(BindException.class)
                .hasRootCauseMessage("ekabinet.admission.balancer-statistics must be http(s) addresses: lb1:8404");
    }

    @Test
    void setTheyAreTakenAsGiven() {
        AdmissionLimits limits = limits(settings(Map.of("ekabinet.admission.browsing", "100",
                "ekabinet.admission.critical", "7", "ekabinet.admission.password", "2")), 16, 16, 4);

        assertThat(limits).isEqualTo(new AdmissionLimits(100, 7, 2, 4));
    }

    @Test
    void limitsBelowOneRetriesUnderASecondAndTimesNotAboveZeroAreRefused() {
        refused("critical", "0", "must be at least 1");
        refused("retry-after", "500ms", "must be at least 1s");
        refused("max-queue-time", "0s", "must be positive");
        refused("congestion-queue-time", "0s", "must be positive");
        refused("latency-target", "-1s", "must be positive");
    }

    private static void refused(String setting, String value, String why) {
        assertThatThrownBy(() -> settings(Map.of("ekabinet.admission." + setting, value)))
                .isInstanceOf(BindException.class).hasRootCauseMessage("ekabinet.admission." + setting + " " + why);
    }
}
