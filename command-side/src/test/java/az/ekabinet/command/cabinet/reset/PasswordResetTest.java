package az.ekabinet.command.cabinet.reset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import az.ekabinet.command.auth.session.SessionStore;
import az.ekabinet.command.cabinet.lookup.CabinetRegistry;
import az.ekabinet.command.cabinet.password.CredentialWriter;
import az.ekabinet.command.cabinet.password.TestPasswords;
import az.ekabinet.command.cabinet.verification.VerificationCodes;
import az.ekabinet.command.cabinet.verification.VerificationCodes.Purpose;
import az.ekabinet.command.shared.RecordingCommands;
import az.ekabinet.command.shared.throttle.CountingThrottle;
import az.ekabinet.domain.cabinet.PasswordChanged;
import az.ekabinet.domain.cabinet.PasswordPolicy;
import az.ekabinet.domain.cabinet.RecordPasswordChange;
import az.ekabinet.domain.contact.PhoneNumber;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.ExternalServiceUnavailableException;
import az.ekabinet.domain.shared.FieldError;
import az.ekabinet.domain.shared.TooManyRequestsException;
import az.ekabinet.domain.shared.ValidationFailedException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The forgotten-password steps, without HTTP: who gets a code, what a code sets, what stays untold. */
class PasswordResetTest {

    private static final String ADDRESS = "10.0.0.11";
    private static final String FIN = "5ZK3M7P";
    private static final String CABINET_ID = "cabinet:" + FIN;
    private static final PhoneNumber PHONE = PhoneNumber.parse("0501234567");

    private final CabinetRegistry cabinets = mock(CabinetRegistry.class);
    private final VerificationCodes codes = mock(VerificationCodes.class);
    private final RecordingCommands commands = new RecordingCommands();
    private final SessionStore sessions = mock(SessionStore.class);
    private final CountingThrottle throttle = new CountingThrottle();
    private final AtomicInteger revocations = new AtomicInteger();
    private final PasswordReset reset = new PasswordReset(cabinets, codes, TestPasswords.create(), commands, sessions,
            throttle);

    PasswordResetTest() {
        when(cabinets.activeByUsername(anyString())).thenReturn(Mono.empty());
        when(sessions.revokeAllBut(CABINET_ID, null)).thenReturn(Mono.fromCallable(() -> (long) revocations.incrementAndGet()));
    }

    private void active(String mobilePhone, boolean phoneVerified) {
        when(cabinets.activeByUsername(FIN)).thenReturn(Mono.just(new CabinetRegistry.Entry(CABINET_ID, FIN, "ACTIVE",
                "100000425", mobilePhone, phoneVerified, "AZE12345678", null, "Məmmədov E. Ə.")));
    }

    private static void refusedWith(ErrorCode code, Runnable action) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(DomainException.class,
                refusal -> assertThat(refusal.code()).isEqualTo(code));
    }

    @Test
    void aCodeGoesToTheCabinetsVerifiedPhone() {
        active(PHONE.e164(), true);
        when(codes.issue(Purpose.PASSWORD_RESET, CABINET_ID, PHONE, Locale.ENGLISH, ADDRESS))
                .thenReturn(Mono.just(new VerificationCodes.Sent("+99450***4567", 300, 60)));

        reset.request(FIN, Locale.ENGLISH, ADDRESS).block();

        verify(codes).issue(Purpose.PASSWORD_RESET, CABINET_ID, PHONE, Locale.ENGLISH, ADDRESS);
    }

    @Test
    void noCodeGoesToAnUnknownUsernameOrAnUnverifiedPhoneAndNobodyIsTold() {
        reset.request("9ZZ9ZZ9", Locale.ENGLISH, ADDRESS).block();
        active(PHONE.e164(), false);
        reset.request(FIN, Locale.ENGLISH, ADDRESS).block();

        verifyNoInteractions(codes);
    }

    @Test
    void limitsAndAnUnreachableGatewayAreNotToldEither() {
        active(PHONE.e164(), true);
        when(codes.issue(any(), any(), any(), any(), any()))
                .thenReturn(Mono.error(new TooManyRequestsException(ErrorCode.CODE_RESEND_TOO_SOON, 40)))
                .thenReturn(Mono.error(new ExternalServiceUnavailableException("sms-gateway")))
                .thenReturn(Mono.error(new IllegalStateException("a bug")));

        reset.request(FIN, Locale.ENGLISH, ADDRESS).block();
        reset.request(FIN, Locale.ENGLISH, ADDRESS).block();
        assertThatThrownBy(() -> reset.request(FIN, Locale.ENGLISH, ADDRESS).block())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theRightCodeSetsTheNewPasswordAndEndsEverySession() {
        active(PHONE.e164(), true);
        when(codes.verify(Purpose.PASSWORD_RESET, CABINET_ID, "123456")).thenReturn(Mono.just(PHONE));

        reset.confirm(FIN, "123456", "təzə-və-uzun-parol", ADDRESS).block();

        assertThat(commands.sent()).singleElement().satisfies(sent -> {
            assertThat(sent.command()).isEqualTo(new RecordPasswordChange(CABINET_ID, PasswordChanged.Reason.RESET));
            assertThat(sent.metaData()).isEqualTo(Map.of(CredentialWriter.PASSWORD_HASH,
                    TestPasswords.hash("təzə-və-uzun-parol"), CredentialWriter.CABINET_ID, CABINET_ID));
        });
        assertThat(revocations).hasValue(1);
    }

    @Test
    void aWrongCodeAndAnUnknownUsernameAreRefusedAlike() {
        active(PHONE.e164(), true);
        when(codes.verify(Purpose.PASSWORD_RESET, CABINET_ID, "654321")).thenReturn(Mono.error(
                new DomainException(ErrorCode.VERIFICATION_CODE_INVALID, Map.of("attemptsLeft", 4))));

        for (String username : new String[] {FIN, "9ZZ9ZZ9"}) {
            assertThatThrownBy(() -> reset.confirm(username, "654321", "təzə-və-uzun-parol", ADDRESS).block())
                    .isInstanceOfSatisfying(DomainException.class, refusal -> {
                        assertThat(refusal.code()).isEqualTo(ErrorCode.VERIFICATION_CODE_INVALID_OR_UNKNOWN);
                        assertThat(refusal.properties()).as("no attempts left: they would tell the account").isEmpty();
                    });
        }
        assertThat(commands.commands()).isEmpty();
        assertThat(revocations).hasValue(0);
        assertThat(throttle.failures()).as("every wrong code counts, from this address and for that account")
                .containsExactly("code-address:" + ADDRESS, "account:reset:" + FIN,
                        "code-address:" + ADDRESS, "account:reset:9ZZ9ZZ9");
    }

    @Test
    void aBlockedAddressOrAccountIsRefusedBeforeAnyCodeIsTried() {
        throttle.block("code-address:" + ADDRESS);
        refusedWith(ErrorCode.TOO_MANY_ATTEMPTS, () -> reset.confirm(FIN, "123456", "təzə-və-uzun-parol", ADDRESS).block());

        var perAccount = new CountingThrottle().block("account:reset:" + FIN);
        var resetHere = new PasswordReset(cabinets, codes, TestPasswords.create(), commands, sessions, perAccount);
        refusedWith(ErrorCode.TOO_MANY_ATTEMPTS, () -> resetHere.confirm(FIN, "123456", "təzə-və-uzun-parol", "10.9.9.9")
                .block());

        verifyNoInteractions(codes);
        assertThat(commands.commands()).isEmpty();
    }

    @Test
    void aNewPasswordContainingTheFinIsRefusedOnceTheCabinetIsKnown() {
        active(PHONE.e164(), true);
        when(codes.verify(Purpose.PASSWORD_RESET, CABINET_ID, "123456")).thenReturn(Mono.just(PHONE));

        assertThatThrownBy(() -> reset.confirm(FIN, "123456", "parol-" + FIN, ADDRESS).block())
                .isInstanceOfSatisfying(ValidationFailedException.class, refusal -> assertThat(refusal.errors())
                        .containsExactly(new FieldError("newPassword", PasswordPolicy.CONTAINS_FIN)));
        assertThat(commands.commands()).isEmpty();
        assertThat(revocations).hasValue(0);
    }
}
