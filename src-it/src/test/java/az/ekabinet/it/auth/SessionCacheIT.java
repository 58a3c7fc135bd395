package az.ekabinet.it.auth;

import az.ekabinet.command.auth.session.SessionSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import az.ekabinet.command.auth.session.SessionCache;
import az.ekabinet.command.auth.session.SessionStore;
import az.ekabinet.command.shared.SecureTokens;
import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.query.plumbing.PostgresNotifications;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * This node keeps the sessions it resolved in memory for a few seconds. A session revoked anywhere must still be
 * refused here: at once when revoked on this node, as soon as the notification arrives when revoked on another, and
 * never served from memory kept across a moment this node could not hear revocations.
 */
@IntegrationTest
class SessionCacheIT {

    static final String PASSWORD = "session cache password";
    /** Another node: its own session store over the same database, without a cache of its own. */
    SessionStore otherNode;

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SessionCache cache;
    @Autowired
    DatabaseClient db;
    @Autowired
    Clock clock;
    @Autowired
    SecureTokens tokens;

    CitizenClient citizens;

    @BeforeEach
    void setUp() {
        citizens = new CitizenClient(http);
        otherNode = new SessionStore(db, clock, tokens, new SessionCache(0), new SessionSettings(Duration.ofMinutes(30), Duration.ofHours(8), new SessionSettings.Cache(0)));
        await().atMost(Duration.ofSeconds(10)).until(cache::serving);
    }

    @Test
    void aSessionUsedAgainComesFromMemory() {
        String token = citizens.signUp(PASSWORD).token();
        balance(token, 200);
        long hits = cache.hits();

        balance(token, 200);
        balance(token, 200);

        assertThat(cache.hits() - hits).isEqualTo(2);
    }

    @Test
    void aLogoutHereIsRefusedAtOnce() {
        String token = citizens.signUp(PASSWORD).token();
        balance(token, 200);
        balance(token, 200);

        http.post().uri("/api/auth/logout").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isNoContent();

        balance(token, 401);
    }

    /** The node that revokes does not wait for its own notification (here: a node that hears none at all). */
    @Test
    void theNodeThatRevokesForgetsAtOnceWithoutItsNotification() {
        SessionCache deaf = new SessionCache(100);
        SessionStore node = new SessionStore(db, clock, tokens, deaf, new SessionSettings(Duration.ofMinutes(30), Duration.ofHours(8), new SessionSettings.Cache(0)));
        var me = citizens.signUp(PASSWORD);
        String other = citizens.token(me.cabinetNumber(), PASSWORD);
        deaf.listeningStarted();
        deaf.onNotification(deaf.heartbeatPayload()); // as if it heard itself: it serves for the next 3 s
        for (String token : List.of(me.token(), other)) {
            assertThat(node.resolve(token).blockOptional()).isPresent();
            assertThat(node.resolve(token).blockOptional()).isPresent();
        }
        assertThat(deaf.hits()).isEqualTo(2);

        node.revoke(me.token()).block();
        assertThat(node.resolve(me.token()).blockOptional()).isEmpty();
        assertThat(node.resolve(other).blockOptional()).isPresent();

        node.revokeAllBut(node.resolve(other).block().name(), null).block();
        assertThat(node.resolve(other).blockOptional()).isEmpty();
    }

    @Test
    void aLogoutOnAnotherNodeIsRefusedHereOnceItsNotificationArrives() {
        String token = citizens.signUp(PASSWORD).token();
        balance(token, 200);
        balance(token, 200);

        otherNode.revoke(token).block();

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(5))
                .until(() -> status(token) == 401);
    }

    @Test
    void aPasswordChangeOnAnotherNodeEndsEverySessionKeptHereButTheOneKept() {
        var me = citizens.signUp(PASSWORD);
        String second = citizens.token(me.cabinetNumber(), PASSWORD);
        String third = citizens.token(me.cabinetNumber(), PASSWORD);
        for (String token : List.of(me.token(), second, third)) {
            balance(token, 200);
            balance(token, 200);
        }
        String principal = jdbc.queryForObject(
                "SELECT principal FROM command.auth_session WHERE token_hash = sha256(convert_to(?, 'UTF8'))",
                String.class, second);

        assertThat(otherNode.revokeAllBut(principal, third).block()).isEqualTo(2);

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(5))
                .until(() -> status(me.token()) == 401 && status(second) == 401);
        balance(third, 200);
    }

    @Test
    void nothingKeptBeforeTheListeningConnectionFailedIsServedAfterIt() {
        String token = citizens.signUp(PASSWORD).token();
        balance(token, 200);
        balance(token, 200);
        List<Integer> listeners = listenerBackends();
        assertThat(listeners).isNotEmpty();

        jdbc.queryForList("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = ANY(?)", Boolean.class,
                (Object) listeners.toArray(Integer[]::new));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(2)).until(() -> !cache.serving());
        // a revocation this node never heard of (its notification went out while nobody here listened)
        jdbc.update("UPDATE command.auth_session SET revoked_at = now() WHERE token_hash = sha256(convert_to(?, 'UTF8'))",
                token);

        balance(token, 401);
        await().atMost(Duration.ofSeconds(10)).until(() -> cache.serving()
                && listenerBackends().stream().noneMatch(listeners::contains));
        balance(token, 401);
    }

    /** Without its heartbeat coming back, a node does not trust that it hears revocations. */
    @Test
    void aNodeThatDoesNotHearItsOwnHeartbeatServesNothingFromMemory() {
        SessionCache unheard = new SessionCache(100);
        unheard.listeningStarted();
        SessionStore node = new SessionStore(db, clock, tokens, unheard, new SessionSettings(Duration.ofMinutes(30), Duration.ofHours(8), new SessionSettings.Cache(0)));
        String token = citizens.signUp(PASSWORD).token();

        assertThat(node.resolve(token).blockOptional()).isPresent();
        assertThat(node.resolve(token).blockOptional()).isPresent();

        assertThat(unheard.hits()).isZero();
    }

    private List<Integer> listenerBackends() {
        return jdbc.queryForList("SELECT pid FROM pg_stat_activity WHERE application_name = ?", Integer.class,
                PostgresNotifications.APPLICATION_NAME);
    }

    private void balance(String token, int expected) {
        assertThat(status(token)).isEqualTo(expected);
    }

    private int status(String token) {
        return http.get().uri("/api/me/wallet").headers(h -> h.setBearerAuth(token)).exchange()
                .returnResult(String.class).getStatus().value();
    }
}
