package az.ekabinet.command.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.command.auth.Role;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionCacheTest {

    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    static final Instant LATER = NOW.plusSeconds(20);
    static final SessionPrincipal ALI = new SessionPrincipal("cabinet-ali", Set.of(Role.CITIZEN));
    static final SessionPrincipal VALI = new SessionPrincipal("cabinet-vali", Set.of(Role.CITIZEN));

    SessionCache cache = new SessionCache(1_000);

    @BeforeEach
    void listen() {
        cache.listeningStarted();
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

        cache.onRevocation(SessionCache.tokenPayload("aa"));

        assertThat(cache.find("aa", NOW)).isNull();
        assertThat(cache.find("bb", NOW)).isEqualTo(ALI);
    }

    @Test
    void revokingAPrincipalEndsAllItsSessionsOnly() {
        cache.keep("aa", ALI, LATER, cache.generation());
        cache.keep("bb", ALI, LATER, cache.generation());
        cache.keep("cc", VALI, LATER, cache.generation());

        cache.onRevocation(SessionCache.principalPayload(ALI.name()));

        assertThat(cache.find("aa", NOW)).isNull();
        assertThat(cache.find("bb", NOW)).isNull();
        assertThat(cache.find("cc", NOW)).isEqualTo(VALI);
    }

    @Test
    void aLookupThatRacedWithARevocationIsNotKept() {
        long lookupBegan = cache.generation();
        // the lookup read the session before the revocation committed; the notification arrived before its answer
        cache.onRevocation(SessionCache.tokenPayload("aa"));
        cache.keep("aa", ALI, LATER, lookupBegan);

        assertThat(cache.find("aa", NOW)).isNull();
    }

    @Test
    void anyRevocationBetweenLookupAndKeepWins() {
        long lookupBegan = cache.generation();
        cache.onRevocation(SessionCache.tokenPayload("some other token"));
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
        assertThat(cache.find("aa", NOW)).as("revocations went unheard meanwhile").isNull();
        assertThat(cache.find("bb", NOW)).isNull();
    }

    @Test
    void aLookupBegunBeforeListeningStartedIsNotKept() {
        SessionCache fresh = new SessionCache(1_000);
        long lookupBegan = fresh.generation();
        fresh.listeningStarted();
        fresh.keep("aa", ALI, LATER, lookupBegan);

        assertThat(fresh.find("aa", NOW)).isNull();
    }

    @Test
    void anUnknownRevocationClearsEverything() {
        cache.keep("aa", ALI, LATER, cache.generation());
        cache.onRevocation("something newer");

        assertThat(cache.find("aa", NOW)).isNull();
    }

    @Test
    void sizeZeroIsOff() {
        SessionCache off = new SessionCache(0);
        off.listeningStarted();
        off.keep("aa", ALI, LATER, off.generation());

        assertThat(off.find("aa", NOW)).isNull();
    }
}
