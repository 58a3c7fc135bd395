package az.ekabinet.command.cabinet.me;

import az.ekabinet.command.auth.session.SessionStore;
import az.ekabinet.command.cabinet.identity.IdentityRegistry;
import az.ekabinet.command.cabinet.lookup.CabinetRegistry;
import az.ekabinet.command.cabinet.password.Passwords;
import az.ekabinet.command.cabinet.verification.VerificationCodes;
import az.ekabinet.command.cabinet.verification.VerificationCodes.Purpose;
import az.ekabinet.command.shared.CommandDispatcher;
import az.ekabinet.command.shared.throttle.FailureThrottle;
import az.ekabinet.command.shared.throttle.FailureThrottle.Limit;
import az.ekabinet.domain.cabinet.CabinetRefusal;
import az.ekabinet.domain.cabinet.ChangeEmail;
import az.ekabinet.domain.cabinet.ChangePhone;
import az.ekabinet.domain.cabinet.PasswordChanged;
import az.ekabinet.domain.cabinet.PersonRecord;
import az.ekabinet.domain.cabinet.RecordPasswordChange;
import az.ekabinet.domain.cabinet.RenewIdentityDocument;
import az.ekabinet.domain.contact.Email;
import az.ekabinet.domain.contact.PhoneNumber;
import az.ekabinet.domain.identity.DocumentNumber;
import az.ekabinet.domain.identity.Fin;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.FieldValidation;
import java.util.Locale;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What a logged-in citizen changes in their own cabinet: the contact data (only with the current password; a new
 * phone waits for its own SMS code, wrong codes throttled per address and per account), the password (the current
 * one first; the caller's other sessions end), and the identity document after a renewal, re-read from the registry.
 */
@Component
public class MyCabinet {

    private final CabinetRegistry cabinets;
    private final Passwords passwords;
    private final VerificationCodes codes;
    private final PendingPhoneChanges pendingPhones;
    private final CommandDispatcher commands;
    private final SessionStore sessions;
    private final IdentityRegistry identityRegistry;
    private final FailureThrottle throttle;

    public MyCabinet(CabinetRegistry cabinets, Passwords passwords, VerificationCodes codes,
                     PendingPhoneChanges pendingPhones, CommandDispatcher commands, SessionStore sessions,
                     IdentityRegistry identityRegistry, FailureThrottle throttle) {
        this.cabinets = cabinets;
        this.passwords = passwords;
        this.codes = codes;
        this.pendingPhones = pendingPhones;
        this.commands = commands;
        this.sessions = sessions;
        this.identityRegistry = identityRegistry;
        this.throttle = throttle;
    }

    /** The contact data changed; {@code newPhoneCode} tells where the code went if the phone is new, else null. */
    public record ContactChanged(VerificationCodes.Sent newPhoneCode) {
    }

    /**
     * Checks the current password, sets the e-mail ({@code email} null removes it) and, if {@code phone} is not the
     * cabinet's phone, keeps it waiting and sends it a code.
     */
    public Mono<ContactChanged> changeContact(String cabinetId, PhoneNumber phone, Email email, String currentPassword,
                                              Locale locale, String clientAddress) {
        return passwords.requireCurrent(cabinetId, currentPassword, clientAddress)
                .then(commands.send(new ChangeEmail(cabinetId, email)))
                .then(me(cabinetId))
                .flatMap(entry -> phone.e164().equals(entry.mobilePhone())
                        ? Mono.just(new ContactChanged(null))
                        : pendingPhones.put(cabinetId, phone)
                                .then(codes.issue(Purpose.PHONE_CHANGE, cabinetId, phone, locale, clientAddress))
                                .map(ContactChanged::new));
    }

    /** The waiting phone becomes the cabinet's with the code sent to it (NO_PENDING_PHONE_CHANGE if none waits). */
    public Mono<Void> verifyNewPhone(String cabinetId, String code, String clientAddress) {
        return pendingPhones.of(cabinetId)
                .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.NO_PENDING_PHONE_CHANGE)))
                .flatMap(pending -> throttle.guarded(codes.verify(Purpose.PHONE_CHANGE, cabinetId, code),
                                ErrorCode.TOO_MANY_ATTEMPTS, FailureThrottle.refusal(ErrorCode.VERIFICATION_CODE_INVALID),
                                Limit.address("code", clientAddress), Limit.account(cabinetId))
                        .filter(verified -> verified.e164().equals(pending))
                        .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.NO_PENDING_PHONE_CHANGE))))
                .flatMap(phone -> commands.send(new ChangePhone(cabinetId, phone)))
                .then(pendingPhones.remove(cabinetId));
    }

    /**
     * Sets a new password once the current one is proven; every session of the cabinet but {@code keptToken} (the
     * caller's) ends. A missing current password and the new one's broken rules are one validation failure.
     */
    public Mono<Void> changePassword(String cabinetId, String keptToken, String currentPassword, String newPassword,
                                     String clientAddress) {
        return me(cabinetId).flatMap(entry -> {
            var v = new FieldValidation();
            if (currentPassword == null || currentPassword.isEmpty()) {
                v.reject("currentPassword", FieldValidation.REQUIRED);
            }
            passwords.check(v, "newPassword", newPassword, Fin.of(entry.fin()));
            v.throwIfInvalid();
            return passwords.requireCurrent(cabinetId, currentPassword, clientAddress)
                    .then(passwords.credentialFor(cabinetId, newPassword))
                    .flatMap(credential -> commands.send(
                            new RecordPasswordChange(cabinetId, PasswordChanged.Reason.CHANGED), credential))
                    .then(sessions.revokeAllBut(cabinetId, keptToken))
                    .then();
        });
    }

    /** The renewed document, read from the identity registry, becomes the cabinet's (DOCUMENT_NOT_RENEWED if not). */
    public Mono<PersonRecord> renewDocument(String cabinetId, DocumentNumber document) {
        return me(cabinetId)
                .flatMap(entry -> identityRegistry.find(document, Fin.of(entry.fin())))
                .switchIfEmpty(Mono.error(CabinetRefusal::documentNotRenewed))
                .flatMap(person -> commands.send(new RenewIdentityDocument(cabinetId, person)).thenReturn(person));
    }

    private Mono<CabinetRegistry.Entry> me(String cabinetId) {
        return cabinets.byCabinetId(cabinetId)
                .filter(CabinetRegistry.Entry::active)
                .switchIfEmpty(Mono.error(CabinetRefusal::registrationNotFound));
    }
}
