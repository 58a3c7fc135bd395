package az.ekabinet.command.cabinet.registration;

import az.ekabinet.command.cabinet.identity.IdentityRegistry;
import az.ekabinet.command.cabinet.lookup.CabinetRegistry;
import az.ekabinet.command.cabinet.password.Passwords;
import az.ekabinet.command.cabinet.verification.VerificationCodes;
import az.ekabinet.command.cabinet.verification.VerificationCodes.Purpose;
import az.ekabinet.command.shared.CommandDispatcher;
import az.ekabinet.command.shared.SecureTokens;
import az.ekabinet.command.shared.throttle.FailureThrottle;
import az.ekabinet.command.shared.throttle.FailureThrottle.Limit;
import az.ekabinet.domain.cabinet.ActivateCabinet;
import az.ekabinet.domain.cabinet.Cabinet;
import az.ekabinet.domain.cabinet.CabinetNumber;
import az.ekabinet.domain.cabinet.CabinetRefusal;
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
import az.ekabinet.domain.shared.FieldValidation;
import az.ekabinet.domain.wallet.OpenWallet;
import java.util.Locale;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Creating a cabinet, step by step: the identity registry confirms the document and the FIN (guesses from one address
 * are throttled), the contact data are given and a code goes to the phone, the code verifies the phone (wrong codes
 * throttled per address), and the password activates the cabinet: it gets its number and its wallet opens. The
 * registration id handed out by the first step is the capability for the others; only its hash is stored.
 */
@Component
public class CabinetRegistration {

    private final IdentityRegistry identityRegistry;
    private final CabinetRegistry cabinets;
    private final VerificationCodes codes;
    private final Passwords passwords;
    private final CommandDispatcher commands;
    private final CabinetNumbers cabinetNumbers;
    private final SecureTokens tokens;
    private final FailureThrottle throttle;

    public CabinetRegistration(IdentityRegistry identityRegistry, CabinetRegistry cabinets, VerificationCodes codes,
                               Passwords passwords, CommandDispatcher commands, CabinetNumbers cabinetNumbers,
                               SecureTokens tokens, FailureThrottle throttle) {
        this.identityRegistry = identityRegistry;
        this.cabinets = cabinets;
        this.codes = codes;
        this.passwords = passwords;
        this.commands = commands;
        this.cabinetNumbers = cabinetNumbers;
        this.tokens = tokens;
        this.throttle = throttle;
    }

    /** A registration started: its id (the capability for the next steps; keep it secret) and the person. */
    public record Identified(String registrationId, PersonRecord person) {
    }

    /**
     * Asks the identity registry whether the document and the FIN belong together (IDENTITY_NOT_CONFIRMED if not) and
     * starts a registration of the person's cabinet. The registry answers with personal data, so unconfirmed
     * identities count against {@code clientAddress}: guessing FIN / document pairs from one place is slowed down.
     */
    public Mono<Identified> start(DocumentNumber document, Fin fin, String clientAddress) {
        String registrationId = tokens.token(18);
        Mono<PersonRecord> confirmed = identityRegistry.find(document, fin)
                .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.IDENTITY_NOT_CONFIRMED)));
        return throttle.guarded(confirmed, ErrorCode.TOO_MANY_ATTEMPTS,
                        FailureThrottle.refusal(ErrorCode.IDENTITY_NOT_CONFIRMED),
                        Limit.address("identify", clientAddress))
                .flatMap(person -> commands.send(new StartRegistration(Cabinet.idOf(fin.value()),
                                RegistrationIds.stored(registrationId), person))
                        .thenReturn(new Identified(registrationId, person)));
    }

    /** Records the contact data and sends a code to the phone ({@code email} may be null). */
    public Mono<VerificationCodes.Sent> giveContact(String registrationId, PhoneNumber phone, Email email,
                                                    Locale locale, String clientAddress) {
        return registration(registrationId)
                .flatMap(entry -> commands.send(new ProvideContact(entry.cabinetId(), entry.registrationRef(), phone, email))
                        .then(codes.issue(Purpose.REGISTRATION, entry.registrationRef(), phone, locale, clientAddress)));
    }

    /** Verifies the phone with the code it received; wrong codes count against {@code clientAddress}. */
    public Mono<Void> verifyPhone(String registrationId, String code, String clientAddress) {
        return registration(registrationId)
                .flatMap(entry -> throttle.guarded(codes.verify(Purpose.REGISTRATION, entry.registrationRef(), code),
                                ErrorCode.TOO_MANY_ATTEMPTS, FailureThrottle.refusal(ErrorCode.VERIFICATION_CODE_INVALID),
                                Limit.address("code", clientAddress))
                        .flatMap(phone -> commands.send(
                                new VerifyRegistrationPhone(entry.cabinetId(), entry.registrationRef(), phone))))
                .then();
    }

    /**
     * Sets the password once the phone is verified (the policy's broken rules, field {@code password}, are a
     * validation failure): the cabinet gets its number and is active, and its wallet opens.
     */
    public Mono<CabinetNumber> activate(String registrationId, String password) {
        return registration(registrationId).flatMap(entry -> {
            if (!entry.phoneVerified()) {
                return Mono.error(CabinetRefusal.stepOutOfOrder(entry.mobilePhone() == null ? "CONTACT" : "PHONE_VERIFICATION"));
            }
            var v = new FieldValidation();
            passwords.check(v, "password", password, Fin.of(entry.fin()));
            v.throwIfInvalid();
            return passwords.credentialFor(entry.cabinetId(), password)
                    .zipWith(cabinetNumbers.next())
                    .flatMap(credentialAndNumber -> commands.send(
                                    new ActivateCabinet(entry.cabinetId(), entry.registrationRef(), credentialAndNumber.getT2()),
                                    credentialAndNumber.getT1())
                            // The wallet opens now, so the citizen can use it at once; WalletOpening opens it
                            // anyway should the service stop between the two commands.
                            .then(commands.send(new OpenWallet(entry.cabinetId(), credentialAndNumber.getT2().value())))
                            .thenReturn(credentialAndNumber.getT2()));
        });
    }

    /** A live registration (not yet completed) by its id; anything else is not found. */
    private Mono<CabinetRegistry.Entry> registration(String registrationId) {
        if (registrationId.length() > 64) {
            return Mono.error(CabinetRefusal.registrationNotFound());
        }
        return cabinets.byRegistrationId(RegistrationIds.stored(registrationId))
                .switchIfEmpty(Mono.error(CabinetRefusal::registrationNotFound));
    }
}
