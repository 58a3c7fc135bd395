package az.ekabinet.config.axon;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ekabinet.axon.*}: how Axon reads and processes the event store here (docs/configuration.md). Checked at
 * start-up: a value that cannot work stops the service with its name.
 *
 * @param gapTimeoutMs            how long a streaming processor waits for a global-index gap (a late commit)
 * @param readBatchSize           events read from the store at a time, by processors and aggregate loads
 * @param otherNodesPollMs        how often processors look for events other nodes committed
 * @param backgroundReadIntervalMs how often processors that need no sub-second freshness read (ledger, counters)
 * @param processorBatchSize      events a pooled streaming processor handles in one transaction
 * @param processorSegments       segments of each pooled streaming processor (the most nodes sharing one)
 * @param tokenClaimIntervalMs    how often a node looks for unclaimed segments (a dead node's)
 * @param tokenClaimTimeoutMs     how long a claim lives without being extended
 * @param ledgerBatchSize         events the ledger's processor handles in one transaction
 * @param aggregateCache          wallets and applications kept in memory between commands
 */
@ConfigurationProperties("ekabinet.axon")
public record AxonSettings(@DefaultValue("60000") long gapTimeoutMs,
                           @DefaultValue("1000") int readBatchSize,
                           @DefaultValue("1000") long otherNodesPollMs,
                           @DefaultValue("200") long backgroundReadIntervalMs,
                           @DefaultValue("100") int processorBatchSize,
                           @DefaultValue("2") int processorSegments,
                           @DefaultValue("2000") long tokenClaimIntervalMs,
                           @DefaultValue("10000") long tokenClaimTimeoutMs,
                           @DefaultValue("4000") int ledgerBatchSize,
                           @DefaultValue AggregateCache aggregateCache) {

    public AxonSettings {
        positive(gapTimeoutMs, "gap-timeout-ms");
        positive(readBatchSize, "read-batch-size");
        positive(otherNodesPollMs, "other-nodes-poll-ms");
        positive(backgroundReadIntervalMs, "background-read-interval-ms");
        positive(processorBatchSize, "processor-batch-size");
        positive(processorSegments, "processor-segments");
        positive(tokenClaimIntervalMs, "token-claim-interval-ms");
        positive(ledgerBatchSize, "ledger-batch-size");
        if (tokenClaimTimeoutMs <= tokenClaimIntervalMs) {
            throw new IllegalArgumentException("ekabinet.axon.token-claim-timeout-ms must be longer than "
                    + "ekabinet.axon.token-claim-interval-ms");
        }
    }

    /**
     * @param maxEntries most aggregates of each cached type kept in memory; 0 keeps none
     * @param idle       how long an unused one stays
     */
    public record AggregateCache(@DefaultValue("10000") long maxEntries, @DefaultValue("10m") Duration idle) {

        public AggregateCache {
            if (maxEntries < 0) {
                throw new IllegalArgumentException("ekabinet.axon.aggregate-cache.max-entries must not be negative");
            }
            if (idle.isNegative() || idle.isZero()) {
                throw new IllegalArgumentException("ekabinet.axon.aggregate-cache.idle must be positive");
            }
        }
    }

    private static void positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException("ekabinet.axon." + name + " must be positive");
        }
    }
}
