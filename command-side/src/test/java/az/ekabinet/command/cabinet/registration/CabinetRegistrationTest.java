package az.ekabinet.command.cabinet.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import az.ekabinet.command.cabinet.identity.IdentityRegistry;
import az.ekabinet.command.cabinet.lookup.CabinetRegistry;
import az.ekabinet.command.cabinet.password.CredentialWriter;
import az.ekabinet.command.cabinet.password.TestPasswords;
import az.ekabinet.command.cabinet.verification.VerificationCodes;
import az.ekabinet.command.cabinet.verification.VerificationCodes.Purpose;
import az.ekabinet.command.shared.RecordingCommands;
import az.ekabinet.command.shared.SecureTokens;
import az.ekabinet.command.shared.throttle.CountingThrottle;
import az.ekabinet.domain.cabinet.ActivateCabinet;
import az.ekabinet.domain.cabinet.CabinetNumber;
import az.ekabinet.domain.cabinet.PasswordPolicy;
import az.ekabinet.domain.cabinet.PersonRecord;
import az.ekabinet.domain.cabinet.ProvideContact;
import az.ekabinet.domain.cabinet.StartRegistration;
import az.ekabinet.domain.cabinet.VerifyRegistrationPhone;
import az.ekabinet.domain.contact.Email;
import az.ekabinet.domain.contact.PhoneNumber;
import az.ekabinet.domain.identity.DocumentNumber;
import az.ekabinet.domain.identity.Fin;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.FieldError;
import az.ekabinet.domain.shared.TooManyRequestsException;
import az.ekabinet.domain.shared.ValidationFailedException;
import az.ekabinet.domain.wallet.OpenWallet;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The steps of creating a cabinet, without HTTP: what each sends, counts and refuses. */
class CabinetRegistrationTest {

    private static final String ADDRESS = "10.0.0.7";
    private static final Fin FIN = Fin.of("5ZK3M7P");
    private static final DocumentNumber DOCUMENT = DocumentNumber.parse("AZE12345678");
    private static final PersonRecord PERSON = new PersonRecord(FIN.value(), "AZE", "12345678", "Məmmədov", "Elvin",
            "Əli oğlu", LocalDate.of(1995, 3, 14), "M", "AZE", "Bakı", LocalDate.of(2020, 1, 10),
            LocalDate.of(2030, 1, 10), "ASAN xidmət");
    private static final String REGISTRATION_ID = "the-registration-id";
    private static final String REF = RegistrationIds.stored(REGISTRATION_ID);
    private static final String CABINET_ID = "cabinet:" + FIN.value();
    private static final PhoneNumber PHONE = PhoneNumber.parse("0501234567");

    private final AtomicInteger registryAsked = new AtomicInteger();
    private PersonRecord registryAnswer = PERSON;
    private final IdentityRegistry identityRegistry = (document, fin) -> Mono.fromCallable(() -> {
        registryAsked.incrementAndGet();
        return document.equals(DOCUMENT) && fin.equals(FIN) ? registryAnswer : null;
    });
    private final CabinetRegistry cabinets = mock(CabinetRegistry.class);
    private final VerificationCodes codes = mock(VerificationCodes.class);
    private final CabinetNumbers cabinetNumbers = mock(CabinetNumbers.class);
    private final SecureTokens tokens = mock(SecureTokens.class);
    private final RecordingCommands commands = new RecordingCommands();
    private final CountingThrottle throttle = new CountingThrottle();
    private final CabinetRegistration registration = new CabinetRegistration(identityRegistry, cabinets, codes,
            TestPasswords.create(), commands, cabinetNumbers, tokens, throttle);

    CabinetRegistrationTest() {
        when(tokens.token(18)).thenReturn(REGISTRATION_ID);
        when(cabinets.byRegistrationId(anyString())).thenReturn(Mono.empty());
    }

    private void registering(String mobilePhone, boolean phoneVerified) {
        when(cabinets.byRegistrationId(REF)).thenReturn(Mono.just(new CabinetRegistry.Entry(CABINET_ID, FIN.value(),
                "REGISTERING", null, mobilePhone, phoneVerified, "AZE12345678", REF, PERSON.maskedName())));
    }

    @Test
    void aConfirmedIdentityStartsARegistrationUnderTheHashOfANewId() {
        var started = registration.start(DOCUMENT, FIN, ADDRESS).block();

        assertThat(started).isEqualTo(new CabinetRegistration.Identified(REGISTRATION_ID, PERSON));
        assertThat(commands.commands()).containsExactly(new StartRegistration(CABINET_ID, REF, PERSON));
        assertThat(throttle.failures()).isEmpty();
    }

    @Test
    void anUnconfirmedIdentityStartsNothingAndCountsAgainstTheAddress() {
        registryAnswer = null;

        assertThatThrownBy(() -> registration.start(DOCUMENT, FIN, ADDRESS).block())
                .isInstanceOfSatisfying(DomainException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.IDENTITY_NOT_CONFIRMED));
        assertThat(commands.commands()).isEmpty();
        assertThat(throttle.failures()).containsExactly("identify-address:" + ADDRESS);
    }

    @Test
    void aBlockedAddressIsRefusedBeforeTheRegistryIsAsked() {
        throttle.block("identify-address:" + ADDRESS);

        assertThatThrownBy(() -> registration.start(DOCUMENT, FIN, ADDRESS).block())
                .isInstanceOfSatisfying(TooManyRequestsException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.TOO_MANY_ATTEMPTS));
        assertThat(registryAsked).hasValue(0);
        assertThat(commands.commands()).isEmpty();
    }

    @Test
    void theContactIsRecordedThenACodeGoesToThePhone() {
        registering(null, false);
        var sent = new VerificationCodes.Sent("+99450***4567", 300, 60);
        when(codes.issue(Purpose.REGISTRATION, REF, PHONE, Locale.ENGLISH, ADDRESS)).thenReturn(Mono.just(sent));
        Email email = Email.parse("elvin@example.az");

        assertThat(registration.giveContact(REGISTRATION_ID, PHONE, email, Locale.ENGLISH, ADDRESS).block())
                .isEqualTo(sent);
        assertThat(commands.commands()).containsExactly(new ProvideContact(CABINET_ID, REF, PHONE, email));
    }

    @Test
    void anUnknownOrOverlongRegistrationIdIsNotFoundAndNoCodeIsSent() {
        for (String unknown : new String[] {"no-such-registration", "x".repeat(65)}) {
            assertThatThrownBy(() -> registration.giveContact(unknown, PHONE, null, Locale.ENGLISH, ADDRESS).block())
                    .isInstanceOfSatisfying(DomainException.class,
                            refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.REGISTRATION_NOT_FOUND));
        }
        verify(cabinets, never()).byRegistrationId(RegistrationIds.stored("x".repeat(65)));
        verifyNoInteractions(codes);
        assertThat(commands.commands()).isEmpty();
    }

    @Test
    void theRightCodeVerifiesThePhoneItWasSentTo() {
        registering(PHONE.e164(), false);
        when(codes.verify(Purpose.REGISTRATION, REF, "123456")).thenReturn(Mono.just(PHONE));

        registration.verifyPhone(REGISTRATION_ID, "123456", ADDRESS).block();

        assertThat(commands.commands()).containsExactly(new VerifyRegistrationPhone(CABINET_ID, REF, PHONE));
        assertThat(throttle.failures()).isEmpty();
    }

    @Test
    void aWrongCodeVerifiesNothingAndCountsAgainstTheAddress() {
        registering(PHONE.e164(), false);
        when(codes.verify(Purpose.REGISTRATION, REF, "654321")).thenReturn(Mono.error(
                new DomainException(ErrorCode.VERIFICATION_CODE_INVALID, Map.of("attemptsLeft", 4))));

        assertThatThrownBy(() -> registration.verifyPhone(REGISTRATION_ID, "654321", ADDRESS).block())
                .isInstanceOfSatisfying(DomainException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.VERIFICATION_CODE_INVALID));
        assertThat(commands.commands()).isEmpty();
        assertThat(throttle.failures()).containsExactly("code-address:" + ADDRESS);
    }

    @Test
    void thePasswordActivatesTheCabinetWithANewNumberAndOpensItsWallet() {
        registering(PHONE.e164(), true);
        CabinetNumber number = CabinetNumber.issue(10_000_042L);
        when(cabinetNumbers.next()).thenReturn(Mono.just(number));

        assertThat(registration.activate(REGISTRATION_ID, "uzun-və-gizli-söz").block()).isEqualTo(number);

        assertThat(commands.commands()).containsExactly(new ActivateCabinet(CABINET_ID, REF, number),
                new OpenWallet(CABINET_ID, number.value()));
        assertThat(commands.sent().get(0).metaData()).isEqualTo(Map.of(
                CredentialWriter.PASSWORD_HASH, TestPasswords.hash("uzun-və-gizli-söz"),
                CredentialWriter.CABINET_ID, CABINET_ID));
    }

    @Test
    void aPasswordBeforeTheVerifiedPhoneNamesTheMissingStep() {
        registering(null, false);
        assertThatThrownBy(() -> registration.activate(REGISTRATION_ID, "uzun-və-gizli-söz").block())
                .isInstanceOfSatisfying(DomainException.class, refusal -> {
                    assertThat(refusal.code()).isEqualTo(ErrorCode.REGISTRATION_STEP_OUT_OF_ORDER);
                    assertThat(refusal.properties()).containsEntry("missingStep", "CONTACT");
                });

        registering(PHONE.e164(), false);
        assertThatThrownBy(() -> registration.activate(REGISTRATION_ID, "uzun-və-gizli-söz").block())
                .isInstanceOfSatisfying(DomainException.class,
                        refusal -> assertThat(refusal.properties()).containsEntry("missingStep", "PHONE_VERIFICATION"));
        assertThat(commands.commands()).isEmpty();
        verifyNoInteractions(cabinetNumbers);
    }

    @Test
    void aPasswordAgainstThePolicyTakesNoNumberAndActivatesNothing() {
        registering(PHONE.e164(), true);

        assertThatThrownBy(() -> registration.activate(REGISTRATION_ID, "xx" + FIN.value().toLowerCase(Locale.ROOT)
                + "yy").block())
                .isInstanceOfSatisfying(ValidationFailedException.class, refusal -> assertThat(refusal.errors())
                        .containsExactly(new FieldError("password", PasswordPolicy.CONTAINS_FIN)));
        assertThat(commands.commands()).isEmpty();
        verify(cabinetNumbers, never()).next();
    }
}
