package az.ekabinet.command.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.command.auth.Role;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionCacheTest {

    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    static final Instant LATER = NOW.plusSeconds(20);
    static final SessionPrincipal ALI = new SessionPrincipal("cabinet-ali", Set.of(Role.CITIZEN));
    static final SessionPrincipal VALI = new SessionPrincipal("cabinet-vali", Set.of(Role.CITIZEN));

    final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
    SessionCache cache = new SessionCache(1_000, nanos::get);

    @BeforeEach
    void listenAndHearItself() {
        cache.listeningStarted();
        cache.onNotification(cache.heartbeatPayload());
    }

    @Test
    void servesAKeptSessionUntilItIsUsedUp() {
        cache.keep("aa", ALI, LATER, cache.generation());

        assertThat(cache.find("aa", NOW)).isEqualTo(ALI);
        assertThat(cache.find("aa", LATER.minusMillis(1))).isEqualTo(ALI);
        assertThat(cache.find("aa", LATER)).isNull();
        assertThat(cache.find("bb", NOW)).isNull();
        assertThat(cache.hits()).isEqualTo(2);
        assertThat(cache.misses()).isEqualTo(2);
    }

    @Test
    void aRevokedTokenIsGoneAndItsNeighboursStay() {
        cache.keep("aa", ALI, LATER, cache.generation());
        cache.keep("bb", ALI, LATER, cache.generation());

        cache.onNotification(SessionCache.tokenPayload("aa"));

        assertThat(cache.find("aa", NOW)).isNull();
        assertThat(cache.find("bb", NOW)).isEqualTo(ALI);
    }

    @Test
    void revokingAPrincipalEndsAllItsSessionsOnly() {
        cache.keep("aa", ALI, LATER, cache.generation());
        cache.keep("bb", ALI, LATER, cache.generation());
        cache.keep("cc", VALI, LATER, cache.generation());

        cache.onNotification(SessionCache.principalPayload(ALI.name()));

        assertThat(cache.find("aa", NOW)).isNull();
        assertThat(cache.find("bb", NOW)).isNull();
        assertThat(cache.find("cc", NOW)).isEqualTo(VALI);
    }

    /** Its own token's revocation, or any other: the cache cannot tell whose row the lookup read, so it keeps none. */
    @ParameterizedTest
    @ValueSource(strings = {"aa", "some other token"})
    void aLookupThatRacedWithARevocationIsNotKept(String revokedToken) {
        long lookupBegan = cache.generation();
        // the lookup read the session before the revocation committed; the notification arrived before its answer
        cache.onNotification(SessionCache.tokenPayload(revokedToken));
        cache.keep("aa", ALI, LATER, lookupBegan);

        assertThat(cache.find("aa", NOW)).isNull();
    }

    @Test
    void nothingIsServedOrKeptWhileNotListening() {
        cache.keep("aa", ALI, LATER, cache.generation());
        cache.listeningLost();

        assertThat(cache.find("aa", NOW)).isNull();
        cache.keep("bb", ALI, LATER, cache.generation());
        cache.listeningStarted();
        cache.onNotification(cache.heartbeatPayload());
        assertThat(cache.serving()).isTrue();
        assertThat(cache.find("aa", NOW)).as("revocations went unheard meanwhile").isNull();
        assertThat(cache.find("bb", NOW)).isNull();
    }

    @Test
    void aLookupBegunBeforeListeningStartedIsNotKept() {
        SessionCache fresh = new SessionCache(1_000, nanos::get);
        long lookupBegan = fresh.generation();
        fresh.listeningStarted();
        fresh.onNotification(fresh.heartbeatPayload());
        fresh.keep("aa", ALI, LATER, lookupBegan);

        assertThat(fresh.find("aa", NOW)).isNull();
    }

    @Test
    void anUnknownRevocationClearsEverything() {
        cache.keep("aa", ALI, LATER, cache.generation());
        cache.onNotification("something newer");

        assertThat(cache.find("aa", NOW)).isNull();
    }

    @Test
    void sizeZeroIsOff() {
        SessionCache off = new SessionCache(0, nanos::get);
        off.listeningStarted();
        off.onNotification(off.heartbeatPayload());
        assertThat(off.serving()).isFalse();
        off.keep("aa", ALI, LATER, off.generation());

        assertThat(off.find("aa", NOW)).isNull();
    }

    @Test
    void servesOnlyWhileItsOwnHeartbeatComesBack() {
        cache.keep("aa", ALI, LATER, cache.generation());

        nanos.addAndGet(SessionCache.HEARD_WITHIN.toNanos() - 1);
        assertThat(cache.find("aa", NOW)).isEqualTo(ALI);
        nanos.addAndGet(1);
        assertThat(cache.serving()).isFalse();
        assertThat(cache.find("aa", NOW)).isNull();
        cache.onNotification(new SessionCache(1).heartbeatPayload());
        assertThat(cache.serving()).as("another node's heartbeat says nothing of this node's pool").isFalse();

        cache.onNotification(cache.heartbeatPayload());
        assertThat(cache.find("aa", NOW)).as("every notification before it was heard, in commit order").isEqualTo(ALI);
    }

    @Test
    void notListeningIsNotServingWhateverTheHeartbeat() {
        cache.listeningLost();
        cache.onNotification(cache.heartbeatPayload());

        assertThat(cache.serving()).isFalse();
    }

    @Test
    void aSweepDropsWhatIsUsedUp() {
        cache.keep("aa", ALI, NOW.plusSeconds(1), cache.generation());
        cache.keep("bb", VALI, LATER, cache.generation());

        cache.sweep(NOW.plusSeconds(1));

        assertThat(cache.find("aa", NOW)).isNull();
        assertThat(cache.find("bb", NOW)).isEqualTo(VALI);
    }

    @Test
    void keepsNoMoreThanItsBound() {
        SessionCache small = new SessionCache(2, nanos::get);
        small.listeningStarted();
        small.onNotification(small.heartbeatPayload());
        small.keep("aa", ALI, LATER, small.generation());
        small.keep("bb", ALI, LATER, small.generation());
        small.keep("cc", VALI, LATER, small.generation());

        assertThat(small.find("cc", NOW)).isNull();
        assertThat(small.find("aa", NOW)).isEqualTo(ALI);
    }
}
