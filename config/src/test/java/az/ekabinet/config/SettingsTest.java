package az.ekabinet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import az.ekabinet.command.auth.session.SessionSettings;
import az.ekabinet.command.sms.SmsProperties;
import az.ekabinet.command.wallet.transfer.TransferSettings;
import az.ekabinet.config.axon.AxonSettings;
import az.ekabinet.domain.money.Money;
import az.ekabinet.config.cluster.ClusterSettings;
import az.ekabinet.config.web.HttpSettings;
import az.ekabinet.query.audit.AuditSettings;
import az.ekabinet.query.streams.StreamSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The typed settings bind under the names docs/configuration.md gives, with its defaults, and refuse what cannot work. */
class SettingsTest {

    private static <T> T bind(String prefix, Class<T> type, Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate(prefix, type);
    }

    @Test
    void everyAreaHasItsDefaults() {
        AxonSettings axon = bind("ekabinet.axon", AxonSettings.class, Map.of());
        assertThat(axon.gapTimeoutMs()).isEqualTo(60_000);
        assertThat(axon.readBatchSize()).isEqualTo(1_000);
        assertThat(axon.tokenClaimIntervalMs()).isEqualTo(2_000);
        assertThat(axon.tokenClaimTimeoutMs()).isEqualTo(10_000);
        assertThat(axon.ledgerBatchSize()).isEqualTo(4_000);
        assertThat(axon.aggregateCache().maxEntries()).isEqualTo(10_000);
        assertThat(axon.aggregateCache().idle()).isEqualTo(Duration.ofMinutes(10));
        RuntimeSettings runtime = bind("ekabinet", RuntimeSettings.class, Map.of());
        assertThat(runtime.commands().queueCapacity()).isEqualTo(10_000);
        assertThat(runtime.passwords().bcryptStrength()).isEqualTo(11);
        assertThat(runtime.passwords().parallelism()).as("one per core").isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(runtime.printing().parallelism()).isEqualTo(2);
        assertThat(bind("ekabinet.http", HttpSettings.class, Map.of()).maxBodyBytes()).isEqualTo(65_536);
        assertThat(bind("ekabinet.cluster", ClusterSettings.class, Map.of()).drainTime()).isZero();
        assertThat(bind("ekabinet.sse", StreamSettings.class, Map.of()).heartbeat()).isEqualTo(Duration.ofSeconds(15));
        assertThat(bind("ekabinet.audit", AuditSettings.class, Map.of()).maxConcurrentReconciliations()).isEqualTo(2);
        SessionSettings sessions = bind("ekabinet.sessions", SessionSettings.class, Map.of());
        assertThat(sessions.idleTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(sessions.absoluteTimeout()).isEqualTo(Duration.ofHours(8));
        assertThat(sessions.cache().maxEntries()).isEqualTo(50_000);
        assertThat(bind("ekabinet.transfers", TransferSettings.class, Map.of()).maximum()).isEqualTo(Money.parse("1000.00"));
        assertThat(bind("ekabinet.sms", SmsProperties.class, Map.of()).maxPerAddressPerHour()).isEqualTo(100);
    }

    @Test
    void settingsBindByTheirDocumentedNames() {
        AxonSettings axon = bind("ekabinet.axon", AxonSettings.class, Map.of(
                "ekabinet.axon.aggregate-cache.max-entries", "0", "ekabinet.axon.read-batch-size", "4",
                "ekabinet.axon.token-claim-interval-ms", "500"));
        assertThat(axon.aggregateCache().maxEntries()).isZero();
        assertThat(axon.readBatchSize()).isEqualTo(4);
        assertThat(axon.tokenClaimIntervalMs()).isEqualTo(500);
        assertThat(bind("ekabinet", RuntimeSettings.class, Map.of("ekabinet.passwords.bcrypt-strength", "12"))
                .passwords().bcryptStrength()).isEqualTo(12);
        assertThat(bind("ekabinet.cluster", ClusterSettings.class, Map.of("ekabinet.cluster.drain-time", "3s"))
                .drainTime()).isEqualTo(Duration.ofSeconds(3));
        assertThat(bind("ekabinet.sessions", SessionSettings.class, Map.of("ekabinet.sessions.cache.max-entries", "0"))
                .cache().maxEntries()).isZero();
        assertThat(bind("ekabinet.transfers", TransferSettings.class, Map.of("ekabinet.transfers.max-amount", "250.50"))
                .maximum()).isEqualTo(Money.parse("250.50"));
        assertThat(bind("ekabinet.sms", SmsProperties.class, Map.of("ekabinet.sms.max-per-address-per-hour", "7"))
                .maxPerAddressPerHour()).isEqualTo(7);
    }

    @Test
    void aValueThatCannotWorkStopsTheStartWithItsName() {
        assertThatThrownBy(() -> bind("ekabinet.axon", AxonSettings.class,
                Map.of("ekabinet.axon.processor-segments", "0")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("ekabinet.axon.processor-segments");
        assertThatThrownBy(() -> bind("ekabinet.axon", AxonSettings.class,
                Map.of("ekabinet.axon.token-claim-timeout-ms", "1000")))
                .rootCause().hasMessageContaining("ekabinet.axon.token-claim-timeout-ms");
        assertThatThrownBy(() -> bind("ekabinet", RuntimeSettings.class, Map.of("ekabinet.passwords.bcrypt-strength", "8")))
                .rootCause().hasMessageContaining("ekabinet.passwords.bcrypt-strength");
        assertThatThrownBy(() -> bind("ekabinet.sse", StreamSettings.class, Map.of("ekabinet.sse.heartbeat", "0s")))
                .rootCause().hasMessageContaining("ekabinet.sse.heartbeat");
        assertThatThrownBy(() -> bind("ekabinet.http", HttpSettings.class, Map.of("ekabinet.http.max-body-bytes", "10")))
                .rootCause().hasMessageContaining("ekabinet.http.max-body-bytes");
        assertThatThrownBy(() -> bind("ekabinet.sessions", SessionSettings.class,
                Map.of("ekabinet.sessions.idle-timeout", "9h")))
                .rootCause().hasMessageContaining("ekabinet.sessions.idle-timeout");
        assertThatThrownBy(() -> bind("ekabinet.transfers", TransferSettings.class,
                Map.of("ekabinet.transfers.max-amount", "a lot")))
                .rootCause().hasMessageContaining("ekabinet.transfers.max-amount");
    }
}
