/**
 * Plumbing around PostgreSQL for the read side. It knows no feature.
 *
 * <ul>
 * <li>{@link az.ekabinet.query.plumbing.PostgresNotifications} — <em>adds</em> what Axon has no way to do without
 *     Axon Server: hear, on every node, what any node committed. A {@code LISTEN} on one dedicated connection per
 *     node, reconnecting with a backoff and telling its listeners when notifications may have been missed.
 *     <em>Why one connection:</em> PostgreSQL wakes every listening backend at each {@code NOTIFY}; a second listening
 *     connection cost the database one transaction more per command. <em>Guarded by:</em> {@code SessionCacheIT},
 *     {@code ApplicationStatusStreamIT}, {@code OpsStreamIT}, {@code ClusterOperationsIT}. <em>Let go when:</em> the nodes share
 *     a message bus for live updates.</li>
 * </ul>
 */
package az.ekabinet.query.plumbing;
