package az.ekabinet.command.cabinet.me;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import az.ekabinet.command.auth.session.SessionStore;
import az.ekabinet.command.cabinet.identity.IdentityRegistry;
import az.ekabinet.command.cabinet.lookup.CabinetRegistry;
import az.ekabinet.command.cabinet.password.CredentialWriter;
import az.ekabinet.command.cabinet.password.TestPasswords;
import az.ekabinet.command.cabinet.verification.VerificationCodes;
import az.ekabinet.command.cabinet.verification.VerificationCodes.Purpose;
import az.ekabinet.command.shared.RecordingCommands;
import az.ekabinet.command.shared.throttle.CountingThrottle;
import az.ekabinet.domain.cabinet.ChangeEmail;
import az.ekabinet.domain.cabinet.ChangePhone;
import az.ekabinet.domain.cabinet.PasswordChanged;
import az.ekabinet.domain.cabinet.PasswordPolicy;
import az.ekabinet.domain.cabinet.PersonRecord;
import az.ekabinet.domain.cabinet.RecordPasswordChange;
import az.ekabinet.domain.cabinet.RenewIdentityDocument;
import az.ekabinet.domain.contact.Email;
import az.ekabinet.domain.contact.PhoneNumber;
import az.ekabinet.domain.identity.DocumentNumber;
import az.ekabinet.domain.identity.Fin;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.FieldError;
import az.ekabinet.domain.shared.FieldValidation;
import az.ekabinet.domain.shared.ValidationFailedException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** A logged-in citizen's changes to their cabinet, without HTTP. */
class MyCabinetTest {

    private static final String ADDRESS = "10.0.0.9";
    private static final Fin FIN = Fin.of("5ZK3M7P");
    private static final String CABINET_ID = "cabinet:" + FIN.value();
    private static final String TOKEN = "the-callers-token";
    private static final String PASSWORD = "köhnə-parol-2024";
    private static final PhoneNumber OLD_PHONE = PhoneNumber.parse("0501234567");
    private static final PhoneNumber NEW_PHONE = PhoneNumber.parse("0557654321");
    private static final DocumentNumber RENEWED = DocumentNumber.parse("AZE87654321");
    private static final PersonRecord PERSON = new PersonRecord(FIN.value(), "AZE", "87654321", "Məmmədov", "Elvin",
            "Əli oğlu", LocalDate.of(1995, 3, 14), "M", "AZE", "Bakı", LocalDate.of(2025, 1, 10),
            LocalDate.of(2035, 1, 10), "ASAN xidmət");

    private final CabinetRegistry cabinets = mock(CabinetRegistry.class);
    private final TestPasswords passwords = TestPasswords.create().withCurrent(CABINET_ID, PASSWORD);
    private final VerificationCodes codes = mock(VerificationCodes.class);
    private final PendingPhoneChanges pendingPhones = mock(PendingPhoneChanges.class);
    private final RecordingCommands commands = new RecordingCommands();
    private final SessionStore sessions = mock(SessionStore.class);
    private final CountingThrottle throttle = new CountingThrottle();
    private final AtomicInteger pendingStored = new AtomicInteger();
    private final AtomicInteger pendingRemoved = new AtomicInteger();
    private final AtomicInteger revocations = new AtomicInteger();
    private PersonRecord registryAnswer = PERSON;
    private final IdentityRegistry identityRegistry = (document, fin) ->
            Mono.justOrEmpty(document.equals(RENEWED) && fin.equals(FIN) ? registryAnswer : null);
    private final MyCabinet myCabinet = new MyCabinet(cabinets, passwords, codes, pendingPhones, commands, sessions,
            identityRegistry, throttle);

    MyCabinetTest() {
        when(cabinets.byCabinetId(CABINET_ID)).thenReturn(Mono.just(new CabinetRegistry.Entry(CABINET_ID, FIN.value(),
                "ACTIVE", "100000425", OLD_PHONE.e164(), true, "AZE12345678", null, PERSON.maskedName())));
        when(pendingPhones.put(CABINET_ID, NEW_PHONE)).thenReturn(Mono.fromRunnable(pendingStored::incrementAndGet));
        when(pendingPhones.remove(CABINET_ID)).thenReturn(Mono.fromRunnable(pendingRemoved::incrementAndGet));
        when(pendingPhones.of(CABINET_ID)).thenReturn(Mono.empty());
        when(sessions.revokeAllBut(CABINET_ID, TOKEN)).thenReturn(Mono.fromCallable(() -> (long) revocations.incrementAndGet()));
    }

    private static void refusedWith(ErrorCode code, Runnable action) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(DomainException.class,
                refusal -> assertThat(refusal.code()).isEqualTo(code));
    }

    @Test
    void theSamePhoneWithANewEmailSendsNoCode() {
        Email email = Email.parse("yeni@example.az");

        var changed = myCabinet.changeContact(CABINET_ID, OLD_PHONE, email, PASSWORD, Locale.ENGLISH, ADDRESS).block();

        assertThat(changed.newPhoneCode()).isNull();
        assertThat(commands.commands()).containsExactly(new ChangeEmail(CABINET_ID, email));
        assertThat(pendingStored).hasValue(0);
        verifyNoInteractions(codes);
    }

    @Test
    void aNewPhoneWaitsForTheCodeSentToIt() {
        var sent = new VerificationCodes.Sent("+99455***4321", 300, 60);
        when(codes.issue(Purpose.PHONE_CHANGE, CABINET_ID, NEW_PHONE, Locale.ENGLISH, ADDRESS)).thenReturn(Mono.just(sent));

        var changed = myCabinet.changeContact(CABINET_ID, NEW_PHONE, null, PASSWORD, Locale.ENGLISH, ADDRESS).block();

        assertThat(changed.newPhoneCode()).isEqualTo(sent);
        assertThat(pendingStored).hasValue(1);
        assertThat(commands.commands()).containsExactly(new ChangeEmail(CABINET_ID, null));
    }

    @Test
    void aWrongCurrentPasswordChangesNothing() {
        refusedWith(ErrorCode.CURRENT_PASSWORD_WRONG, () -> myCabinet.changeContact(CABINET_ID, NEW_PHONE, null,
                "not-my-password", Locale.ENGLISH, ADDRESS).block());

        assertThat(commands.commands()).isEmpty();
        assertThat(pendingStored).hasValue(0);
        verifyNoInteractions(codes);
    }

    @Test
    void theCodeMakesTheWaitingPhoneTheCabinets() {
        when(pendingPhones.of(CABINET_ID)).thenReturn(Mono.just(NEW_PHONE.e164()));
        when(codes.verify(Purpose.PHONE_CHANGE, CABINET_ID, "123456")).thenReturn(Mono.just(NEW_PHONE));

        myCabinet.verifyNewPhone(CABINET_ID, "123456", ADDRESS).block();

        assertThat(commands.commands()).containsExactly(new ChangePhone(CABINET_ID, NEW_PHONE));
        assertThat(pendingRemoved).hasValue(1);
    }

    @Test
    void withoutAWaitingPhoneNoCodeIsTried() {
        refusedWith(ErrorCode.NO_PENDING_PHONE_CHANGE, () -> myCabinet.verifyNewPhone(CABINET_ID, "123456", ADDRESS).block());

        verifyNoInteractions(codes);
        assertThat(commands.commands()).isEmpty();
    }

    @Test
    void aCodeSentToAnotherPhoneThanTheWaitingOneChangesNothing() {
        when(pendingPhones.of(CABINET_ID)).thenReturn(Mono.just(NEW_PHONE.e164()));
        when(codes.verify(Purpose.PHONE_CHANGE, CABINET_ID, "123456")).thenReturn(Mono.just(OLD_PHONE));

        refusedWith(ErrorCode.NO_PENDING_PHONE_CHANGE, () -> myCabinet.verifyNewPhone(CABINET_ID, "123456", ADDRESS).block());

        assertThat(commands.commands()).isEmpty();
        assertThat(pendingRemoved).hasValue(0);
    }

    @Test
    void aWrongCodeCountsAgainstTheAddressAndTheAccount() {
        when(pendingPhones.of(CABINET_ID)).thenReturn(Mono.just(NEW_PHONE.e164()));
        when(codes.verify(Purpose.PHONE_CHANGE, CABINET_ID, "654321")).thenReturn(Mono.error(
                new DomainException(ErrorCode.VERIFICATION_CODE_INVALID, Map.of("attemptsLeft", 4))));

        refusedWith(ErrorCode.VERIFICATION_CODE_INVALID,
                () -> myCabinet.verifyNewPhone(CABINET_ID, "654321", ADDRESS).block());

        assertThat(throttle.failures()).containsExactly("code-address:" + ADDRESS, "account:" + CABINET_ID);
        assertThat(commands.commands()).isEmpty();
    }

    @Test
    void aNewPasswordIsStoredWithItsCommandAndEndsTheOtherSessions() {
        myCabinet.changePassword(CABINET_ID, TOKEN, PASSWORD, "təzə-və-uzun-parol", ADDRESS).block();

        assertThat(commands.sent()).singleElement().satisfies(sent -> {
            assertThat(sent.command()).isEqualTo(new RecordPasswordChange(CABINET_ID, PasswordChanged.Reason.CHANGED));
            assertThat(sent.metaData()).isEqualTo(Map.of(CredentialWriter.PASSWORD_HASH,
                    TestPasswords.hash("təzə-və-uzun-parol"), CredentialWriter.CABINET_ID, CABINET_ID));
        });
        assertThat(revocations).hasValue(1);
    }

    @Test
    void aMissingCurrentPasswordAndABadNewOneAreReportedTogether() {
        assertThatThrownBy(() -> myCabinet.changePassword(CABINET_ID, TOKEN, "", "password", ADDRESS).block())
                .isInstanceOfSatisfying(ValidationFailedException.class, refusal -> assertThat(refusal.errors())
                        .containsExactly(new FieldError("currentPassword", FieldValidation.REQUIRED),
                                new FieldError("newPassword", PasswordPolicy.TOO_COMMON)));
        assertThat(commands.commands()).isEmpty();
        assertThat(revocations).hasValue(0);
    }

    @Test
    void aWrongCurrentPasswordKeepsThePasswordAndTheSessions() {
        refusedWith(ErrorCode.CURRENT_PASSWORD_WRONG, () -> myCabinet.changePassword(CABINET_ID, TOKEN,
                "not-my-password", "təzə-və-uzun-parol", ADDRESS).block());

        assertThat(commands.commands()).isEmpty();
        assertThat(revocations).hasValue(0);
    }

    @Test
    void aCabinetThatIsNotActiveChangesNothing() {
        when(cabinets.byCabinetId(CABINET_ID)).thenReturn(Mono.just(new CabinetRegistry.Entry(CABINET_ID, FIN.value(),
                "REGISTERING", null, OLD_PHONE.e164(), true, "AZE12345678", "ref", PERSON.maskedName())));

        refusedWith(ErrorCode.REGISTRATION_NOT_FOUND, () -> myCabinet.changePassword(CABINET_ID, TOKEN, PASSWORD,
                "təzə-və-uzun-parol", ADDRESS).block());
        refusedWith(ErrorCode.REGISTRATION_NOT_FOUND, () -> myCabinet.renewDocument(CABINET_ID, RENEWED).block());
        assertThat(commands.commands()).isEmpty();
    }

    @Test
    void aRenewedDocumentIsReadFromTheRegistryAndBecomesTheCabinets() {
        assertThat(myCabinet.renewDocument(CABINET_ID, RENEWED).block()).isEqualTo(PERSON);

        assertThat(commands.commands()).containsExactly(new RenewIdentityDocument(CABINET_ID, PERSON));
    }

    @Test
    void aDocumentTheRegistryDoesNotConfirmIsNotRenewed() {
        registryAnswer = null;

        refusedWith(ErrorCode.DOCUMENT_NOT_RENEWED, () -> myCabinet.renewDocument(CABINET_ID, RENEWED).block());
        assertThat(commands.commands()).isEmpty();
    }
}
