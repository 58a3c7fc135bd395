package az.ekabinet.command.auth.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import az.ekabinet.command.auth.Role;
import az.ekabinet.command.auth.session.OpenedSession;
import az.ekabinet.command.auth.session.SessionPrincipal;
import az.ekabinet.command.auth.session.SessionStore;
import az.ekabinet.command.shared.throttle.CountingThrottle;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.TooManyRequestsException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Logging in without HTTP: one slow compare whatever the username, throttled failures, a session on success. */
class PasswordLoginTest {

    private static final String ADDRESS = "10.0.0.5";
    private static final SessionPrincipal CITIZEN = new SessionPrincipal("cabinet:5ZK3M7P", Set.of(Role.CITIZEN));
    private static final SessionPrincipal OPERATOR = new SessionPrincipal("staff:operator", Set.of(Role.OPERATOR));

    /** A stand-in for bcrypt that remembers which hashes it compared against. */
    private final List<String> compared = new ArrayList<>();
    private final PasswordEncoder encoder = new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return "hash(" + raw + ")";
        }

        @Override
        public boolean matches(CharSequence raw, String hash) {
            compared.add(hash);
            return encode(raw).equals(hash);
        }
    };
    private final CredentialsLookup citizens = username -> username.equals("5ZK3M7P")
            ? Optional.of(new CredentialsLookup.Credentials(CITIZEN, "hash(vətəndaş-parolu)")) : Optional.empty();
    private final CredentialsLookup staff = username -> username.equals("operator")
            ? Optional.of(new CredentialsLookup.Credentials(OPERATOR, "hash(operator-parolu)")) : Optional.empty();
    private final SessionStore sessions = mock(SessionStore.class);
    private final CountingThrottle throttle = new CountingThrottle();

    PasswordLoginTest() {
        when(sessions.open(any(), any())).thenReturn(Mono.just(new OpenedSession("the-token", Instant.EPOCH)));
        when(sessions.idleTimeout()).thenReturn(Duration.ofMinutes(30));
    }

    private PasswordLogin login() {
        return new PasswordLogin(List.of(citizens, staff), sessions, encoder, Schedulers.immediate(),
                Schedulers.immediate(), throttle);
    }

    @Test
    void theRightPasswordOpensASessionForTheAccountAndForgetsItsFailuresFromHere() {
        var login = login();

        assertThat(login.logIn("5ZK3M7P", "vətəndaş-parolu", ADDRESS).block())
                .isEqualTo(new PasswordLogin.LoggedIn("the-token", Duration.ofMinutes(30)));
        assertThat(login.logIn("operator", "operator-parolu", ADDRESS).block()).isNotNull();

        verify(sessions).open(CITIZEN.name(), CITIZEN.roles());
        verify(sessions).open(OPERATOR.name(), OPERATOR.roles());
        assertThat(throttle.successes()).containsExactly("account-address:cabinet:5ZK3M7P|" + ADDRESS,
                "account-address:staff:operator|" + ADDRESS);
        assertThat(throttle.failures()).isEmpty();
    }

    @Test
    void aWrongPasswordCountsPerAccountFromHerePerAccountAndPerAddress() {
        assertThatThrownBy(() -> login().logIn("5ZK3M7P", "səhv-parol", ADDRESS).block())
                .isInstanceOfSatisfying(DomainException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS));

        assertThat(throttle.failures()).containsExactly("account-address:cabinet:5ZK3M7P|" + ADDRESS,
                "account:cabinet:5ZK3M7P", "login-address:" + ADDRESS);
        verify(sessions, never()).open(any(), any());
    }

    @Test
    void anUnknownUsernameCostsTheSameOneCompareAndIsRefusedAlike() {
        var login = login();
        compared.clear(); // the dummy hash is made when the login is

        assertThatThrownBy(() -> login.logIn("nobody", "səhv-parol", ADDRESS).block())
                .isInstanceOfSatisfying(DomainException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS));

        assertThat(compared).containsExactly("hash(no account has this password)");
        assertThat(throttle.failures()).containsExactly("account-address:unknown:NOBODY|" + ADDRESS,
                "account:unknown:NOBODY", "login-address:" + ADDRESS);
    }

    @Test
    void aBlockedAccountIsRefusedWithoutComparingEvenTheRightPassword() {
        throttle.block("account:cabinet:5ZK3M7P");

        assertThatThrownBy(() -> login().logIn("5ZK3M7P", "vətəndaş-parolu", ADDRESS).block())
                .isInstanceOfSatisfying(TooManyRequestsException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.TOO_MANY_LOGIN_ATTEMPTS));
        assertThat(compared).isEmpty();
        verify(sessions, never()).open(any(), any());
    }

    @Test
    void loggingOutRevokesTheToken() {
        when(sessions.revoke("the-token")).thenReturn(Mono.empty());

        login().logOut("the-token").block();

        verify(sessions).revoke("the-token");
    }
}
