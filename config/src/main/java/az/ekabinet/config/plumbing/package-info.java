/**
 * Plumbing around Axon Framework and PostgreSQL: what Axon 4 on a JDBC event store, without Axon Server, lacks or
 * does slowly for this service. Each piece knows no feature (the module rule test checks it), so each can go on its
 * own. The wiring that puts them in place is {@code az.ekabinet.config.axon}. The other modules' plumbing:
 * {@code az.ekabinet.projection.plumbing} (bulk rebuilds of read models) and {@code az.ekabinet.query.plumbing}
 * (PostgreSQL notifications).
 *
 * <ul>
 * <li>{@link az.ekabinet.config.plumbing.AggregateCache} and
 *     {@link az.ekabinet.config.plumbing.StoreCheckedCachingRepository} — <em>replace</em> Axon's caching
 *     repository, which trusts its copy: the copy is brought up to the store (the events other nodes stored since)
 *     before every command. <em>Why:</em> replaying a wallet's history took 32 % of a credit's CPU (credits 136 → 180/s
 *     with the cache); a stale copy on another node refused transfers and confirmations. <em>Guarded by:</em>
 *     {@code CachedWalletIT}, {@code ClusterDecisionsIT}, {@code AggregateCacheTest}. <em>Let go when:</em> Axon's repository
 *     checks its cache against the store, or loads become cheap (snapshots read in one query).</li>
 * <li>{@link az.ekabinet.config.plumbing.ClusterLockFactory} — <em>replaces</em> Axon's per-JVM aggregate lock by a
 *     PostgreSQL advisory lock held by the command's transaction, then the JVM's. <em>Why:</em> two nodes moving one
 *     wallet raced on the unique key until their retries ran out (5xx). <em>Guarded by:</em> {@code ClusterDecisionsIT},
 *     {@code ExamApplicationIT} (ten concurrent starts of one application). <em>Let go when:</em> commands are routed
 *     by aggregate id to one node (Axon Server or a consistent-hash command bus).</li>
 * <li>{@link az.ekabinet.config.plumbing.SignallingEventStore} and
 *     {@link az.ekabinet.config.plumbing.WakingEventSource} — <em>replace</em> the embedded event store's streams for
 *     streaming processors: woken by this node's commits (others' are polled every second), one shared read of the
 *     newest events, a bounded window. <em>Why:</em> Axon's streams look again only every 500 ms (projections lagged a
 *     quarter of a second), each processor read every commit itself (4.6 reads per commit → 1.15; credits 208 →
 *     240/s), and its read-ahead cache filled the heap under a million events. <em>Guarded by:</em>
 *     {@code SharedEventReadIT}, {@code SmallReadWindowIT}, {@code BackgroundProcessorsIT}, {@code ReleasedWaitIT}.
 *     <em>Let go when:</em> Axon's JDBC event store wakes its streams on commit and bounds its cache.</li>
 * <li>{@link az.ekabinet.config.plumbing.UnsnapshottedEventStorageEngine} — <em>removes</em> the snapshot query
 *     Axon's JDBC engine makes before every load, and stops reading an aggregate's events at the first short range.
 *     <em>Why:</em> two queries per load that always found nothing (a credit loads its payment code). <em>Guarded
 *     by:</em> {@code AggregateEventReadsIT}. <em>Let go when:</em> an aggregate gets a snapshot trigger (then build
 *     the plain engine; this one refuses to store a snapshot).</li>
 * <li>{@link az.ekabinet.config.plumbing.StoredJson} and {@link az.ekabinet.config.plumbing.StoredInstantDeserializer}
 *     — <em>add</em> a private mapper for what Axon stores (never the web one) and read the instants it writes by
 *     hand. <em>Why:</em> Jackson's instant parsing took 46 % of the ledger rebuild's reading thread (rebuild of a
 *     million events 7.7–8.3 s → 4.5–5.9 s). <em>Guarded by:</em> {@code StoredInstantDeserializerTest} (checked
 *     against java.time over random values). <em>Let go when:</em> Jackson's {@code InstantDeserializer} parses
 *     without a formatter.</li>
 * <li>{@link az.ekabinet.config.plumbing.DrbgIdentifierFactory} — <em>replaces</em> Axon's identifiers from
 *     {@code UUID.randomUUID()}. <em>Why:</em> it reads {@code /dev/urandom}, a blocking call on a Netty thread
 *     wherever a message is made (BlockHound). <em>Guarded by:</em> the BlockHound-instrumented integration tests.
 *     <em>Let go when:</em> never while messages are made on event loops.</li>
 * <li>{@link az.ekabinet.config.plumbing.NoUsageReporting} — <em>switches off</em> Axon's usage reporting to its
 *     vendor. <em>Why:</em> a state service makes no such calls. <em>Let go when:</em> Axon stops reporting.</li>
 * <li>{@link az.ekabinet.config.plumbing.AxonMetrics} — <em>adds</em> Micrometer timers for commands and event
 *     handlers. <em>Why:</em> {@code axon-micrometer} is not in the registry this build uses. <em>Guarded by:</em>
 *     {@code PlatformIT} (the Prometheus scrape). <em>Let go when:</em> {@code axon-micrometer} can be used.</li>
 * </ul>
 */
package az.ekabinet.config.plumbing;
