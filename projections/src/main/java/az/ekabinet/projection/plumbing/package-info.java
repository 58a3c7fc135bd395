/**
 * Plumbing for rebuilding read models in bulk, where Axon would pass every stored event through its processor again
 * (about 55 µs an event: unit of work, interceptors, handler invocation). It knows no feature; the ledger's rebuild
 * ({@code az.ekabinet.projection.ledger.LedgerRebuild}) is its one user today.
 *
 * <ul>
 * <li>{@link az.ekabinet.projection.plumbing.ProjectionRebuild} — <em>adds</em> a projection's own way to rebuild
 *     what its processor's token covers, while the processor is shut down (the administrators' replay uses it in place
 *     of Axon's token reset). <em>Why:</em> the ledger's replay of a million events took 55–62 s through its
 *     processor, 4.5–5.9 s this way. <em>Guarded by:</em> {@code LedgerRebuildIT} (the same lines, hashes and keys as the
 *     processor's replay), {@code ProjectionReplayIT}. <em>Let go when:</em> Axon's replay of a single-segment
 *     processor runs at the speed of reading the store.</li>
 * <li>{@link az.ekabinet.projection.plumbing.StoredPayloads} — <em>replaces</em> Axon's event messages, upcaster
 *     chain and lazy deserialization when a rebuild reads millions of events: the stored bytes go straight to their
 *     classes through the event serializer's mapper. Used only while no upcaster is registered.
 *     <em>Guarded by:</em> {@code StoredPayloadsTest}, {@code LedgerReplayThroughProcessorIT} (with an upcaster the
 *     rebuild steps aside). <em>Let go when:</em> the first upcaster is needed for a rebuilt event type.</li>
 * <li>{@link az.ekabinet.projection.plumbing.CopyText} — <em>adds</em> PostgreSQL's COPY text format for writing
 *     thousands of rows at once. <em>Why:</em> the driver's escaping of the same rows as INSERT arrays took a sixth
 *     of the ledger thread's CPU. <em>Guarded by:</em> {@code CopyTextTest}, {@code LedgerRebuildIT}. <em>Let go when:</em>
 *     the R2DBC or JDBC driver offers a COPY writer for typed rows.</li>
 * <li>{@link az.ekabinet.projection.plumbing.RebuiltTable} — <em>adds</em> a table rebuilt beside the live one,
 *     indexed after it is filled and swapped in in the caller's transaction, so readers keep the old rows until the
 *     commit. <em>Guarded by:</em> {@code LedgerRebuildIT} (a rebuild that cannot swap leaves the ledger as it was).
 *     <em>Let go when:</em> no projection is rebuilt in bulk.</li>
 * </ul>
 */
package az.ekabinet.projection.plumbing;
