package az.ekabinet.command.auth.session;

import az.ekabinet.command.auth.Role;
import az.ekabinet.command.shared.SecureTokens;
import az.ekabinet.domain.shared.Hex;
import az.ekabinet.domain.shared.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Server-side sessions behind opaque Bearer tokens: 256 random bits, stored only as their
 * SHA-256, ending after {@code idle} without use or {@code absolute} after login, whichever is first, or when
 * revoked (logout, password change). Everything here is R2DBC: it runs on the request path.
 *
 * <p>Recently resolved sessions are kept in memory ({@link SessionCache}); every revocation is announced on
 * {@link #REVOCATIONS_CHANNEL} in the statement that revokes, so every node drops what it kept.
 */
@Component
public class SessionStore {

    private static final Pattern TOKEN_FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** last_seen_at is refreshed at most this often, so that reads do not turn into a write each. */
    static final Duration TOUCH_GRANULARITY = Duration.ofSeconds(30);
    /** PostgreSQL notification channel of revocations; payloads as {@link SessionCache#onNotification} reads them. */
    public static final String REVOCATIONS_CHANNEL = "ekabinet_session_revoked";

    private final DatabaseClient db;
    private final Clock clock;
    private final Duration idle;
    private final Duration absolute;
    private final SecureTokens tokens;
    private final SessionCache cache;

    public SessionStore(DatabaseClient db, Clock clock, SecureTokens tokens, SessionCache cache,
                        SessionSettings settings) {
        this.db = db;
        this.cache = cache;
        this.clock = clock;
        this.idle = settings.idleTimeout();
        this.absolute = settings.absoluteTimeout();
        this.tokens = tokens;
    }

    public Duration idleTimeout() {
        return idle;
    }

    public Mono<OpenedSession> open(String principal, Set<Role> roles) {
        String token = tokens.token(32);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(absolute);
        return db.sql("""
                        INSERT INTO command.auth_session (token_hash, principal, roles, created_at, last_seen_at, expires_at)
                        VALUES (:hash, :principal, :roles, :now, :now, :expires)""")
                .bind("hash", hash(token))
                .bind("principal", principal)
                .bind("roles", roles.stream().map(Role::name).sorted().collect(Collectors.joining(",")))
                .bind("now", at(now))
                .bind("expires", at(expiresAt))
                .then()
                .thenReturn(new OpenedSession(token, expiresAt));
    }

    /** The live session of a token, or empty if the token is unknown, revoked or expired. */
    public Mono<SessionPrincipal> resolve(String token) {
        if (token == null || !TOKEN_FORMAT.matcher(token).matches()) {
            return Mono.empty();
        }
        byte[] tokenHash = hash(token);
        String key = Hex.of(tokenHash);
        Instant now = clock.instant();
        SessionPrincipal cached = cache.find(key, now);
        if (cached != null) {
            return Mono.just(cached);
        }
        long generation = cache.generation();
        return db.sql("""
                        SELECT principal, roles, last_seen_at, expires_at FROM command.auth_session
                        WHERE token_hash = :hash AND revoked_at IS NULL AND expires_at > :now AND last_seen_at > :idleSince""")
                .bind("hash", tokenHash)
                .bind("now", at(now))
                .bind("idleSince", at(now.minus(idle)))
                .map((row, meta) -> new Live(
                        new SessionPrincipal(row.get("principal", String.class), roles(row.get("roles", String.class))),
                        row.get("last_seen_at", OffsetDateTime.class).toInstant(),
                        row.get("expires_at", OffsetDateTime.class).toInstant()))
                .one()
                .flatMap(live -> {
                    boolean touching = !live.lastSeen.isAfter(now.minus(TOUCH_GRANULARITY));
                    Instant seen = touching ? now : live.lastSeen;
                    return (touching ? touch(tokenHash, now) : Mono.<Void>empty())
                            .then(Mono.fromCallable(() -> {
                                cache.keep(key, live.principal, usableUntil(seen, live.expiresAt), generation);
                                return live.principal;
                            }));
                });
    }

    /** Until when a kept session may be used without reading the table: its next recorded use is due, or its end. */
    private Instant usableUntil(Instant lastSeen, Instant expiresAt) {
        Instant due = lastSeen.plus(TOUCH_GRANULARITY.compareTo(idle) < 0 ? TOUCH_GRANULARITY : idle);
        return due.isBefore(expiresAt) ? due : expiresAt;
    }

    public Mono<Void> revoke(String token) {
        byte[] tokenHash = hash(token);
        String key = Hex.of(tokenHash);
        return db.sql("""
                        WITH revoked AS (
                            UPDATE command.auth_session SET revoked_at = :now WHERE token_hash = :hash AND revoked_at IS NULL
                            RETURNING token_hash)
                        SELECT pg_notify(:channel, :payload) FROM revoked""")
                .bind("now", at(clock.instant()))
                .bind("hash", tokenHash)
                .bind("channel", REVOCATIONS_CHANNEL)
                .bind("payload", SessionCache.tokenPayload(key))
                .then()
                .then(Mono.fromRunnable(() -> cache.evictToken(key)));
    }

    /** Ends every session of a principal but the one given (e.g. after a password change). */
    public Mono<Long> revokeAllBut(String principal, String keptToken) {
        return db.sql("""
                        WITH revoked AS (
                            UPDATE command.auth_session SET revoked_at = :now
                            WHERE principal = :principal AND revoked_at IS NULL AND token_hash <> :kept
                            RETURNING token_hash)
                        SELECT count(*) AS revoked, pg_notify(:channel, :payload) FROM revoked""")
                .bind("now", at(clock.instant()))
                .bind("principal", principal)
                .bind("kept", keptToken == null ? new byte[0] : hash(keptToken))
                .bind("channel", REVOCATIONS_CHANNEL)
                .bind("payload", SessionCache.principalPayload(principal))
                .map((row, meta) -> row.get("revoked", Long.class))
                .one()
                .doOnSuccess(revoked -> cache.evictPrincipal(principal));
    }

    private Mono<Void> touch(byte[] tokenHash, Instant now) {
        return db.sql("UPDATE command.auth_session SET last_seen_at = :now WHERE token_hash = :hash")
                .bind("now", at(now))
                .bind("hash", tokenHash)
                .then();
    }

    private static Set<Role> roles(String csv) {
        return Arrays.stream(csv.split(",")).filter(s -> !s.isEmpty()).map(Role::valueOf).collect(Collectors.toSet());
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static byte[] hash(String token) {
        return Sha256.of(token.getBytes(StandardCharsets.US_ASCII));
    }

    private record Live(SessionPrincipal principal, Instant lastSeen, Instant expiresAt) {
    }
}
