package az.ekabinet.query.ops;

import java.time.Instant;

/**
 * One row of {@code domainevententry} as the ops stream reads it. {@code payload} is only read for the types the
 * stream shows (null otherwise). {@code runningFrom} and {@code runningUntil} are the xmin and xmax of the snapshot
 * the row was read in (PostgreSQL transaction ids): every transaction below {@code runningFrom} had ended, none
 * from {@code runningUntil} on had started (or taken an id) yet.
 */
record StoredEvent(long index, String payloadType, String payloadRevision, Instant storedAt, byte[] payload,
                   long runningFrom, long runningUntil) {
}
