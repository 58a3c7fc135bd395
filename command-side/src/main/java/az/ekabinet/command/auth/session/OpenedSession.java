package az.ekabinet.command.auth.session;

import java.time.Instant;

/** A new session: the opaque token, shown to its owner once, and when it expires at the latest. */
public record OpenedSession(String token, Instant expiresAt) {
}
