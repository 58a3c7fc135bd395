package az.ekabinet.command.cabinet.reset;

import az.ekabinet.command.auth.session.SessionStore;
import az.ekabinet.command.cabinet.lookup.CabinetRegistry;
import az.ekabinet.command.cabinet.password.Passwords;
import az.ekabinet.command.cabinet.verification.VerificationCodes;
import az.ekabinet.command.cabinet.verification.VerificationCodes.Purpose;
import az.ekabinet.command.shared.CommandDispatcher;
import az.ekabinet.command.shared.throttle.FailureThrottle;
import az.ekabinet.command.shared.throttle.FailureThrottle.Limit;
import az.ekabinet.domain.cabinet.PasswordChanged;
import az.ekabinet.domain.cabinet.RecordPasswordChange;
import az.ekabinet.domain.contact.PhoneNumber;
import az.ekabinet.domain.identity.Fin;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.ExternalServiceUnavailableException;
import az.ekabinet.domain.shared.FieldValidation;
import az.ekabinet.domain.shared.TooManyRequestsException;
import java.util.Locale;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A forgotten password: a code goes to the cabinet's verified phone, and with it a new password is set and every
 * session of the cabinet ends. Neither step tells a username with a cabinet from one without: the request answers
 * alike (limits and an unreachable SMS gateway included), and the confirmation refuses an unknown username like a
 * wrong code. A password is never sent by SMS.
 */
@Component
public class PasswordReset {

    private final CabinetRegistry cabinets;
    private final VerificationCodes codes;
    private final Passwords passwords;
    private final CommandDispatcher commands;
    private final SessionStore sessions;
    private final FailureThrottle throttle;

    public PasswordReset(CabinetRegistry cabinets, VerificationCodes codes, Passwords passwords,
                         CommandDispatcher commands, SessionStore sessions, FailureThrottle throttle) {
        this.cabinets = cabinets;
        this.codes = codes;
        this.passwords = passwords;
        this.commands = commands;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    /** Sends a code to the verified phone of {@code username}'s cabinet, if there is one; completes empty either way. */
    public Mono<Void> request(String username, Locale locale, String clientAddress) {
        return cabinets.activeByUsername(username)
                .filter(entry -> entry.phoneVerified() && entry.mobilePhone() != null)
                .flatMap(entry -> codes.issue(Purpose.PASSWORD_RESET, entry.cabinetId(),
                        new PhoneNumber(entry.mobilePhone()), locale, clientAddress))
                // Limits and an unreachable gateway are not told either: the answer must not reveal the account.
                .onErrorResume(failure -> failure instanceof TooManyRequestsException
                        || failure instanceof ExternalServiceUnavailableException, failure -> Mono.empty())
                .then();
    }

    /**
     * Sets {@code newPassword} (already checked against the rules that need no FIN) if {@code code} is the live reset
     * code of {@code username}'s cabinet, and ends every session of the cabinet.
     */
    public Mono<Void> confirm(String username, String code, String newPassword, String clientAddress) {
        // Known and unknown usernames answer alike until the code is proven, and wrong codes from one place or
        // for one account are throttled: the step reveals no account and cannot be used to guess codes.
        Mono<CabinetRegistry.Entry> proven = cabinets.activeByUsername(username)
                .switchIfEmpty(Mono.error(PasswordReset::wrongCode))
                .flatMap(entry -> codes.verify(Purpose.PASSWORD_RESET, entry.cabinetId(), code)
                        .onErrorMap(PasswordReset::isWrongCode, failure -> wrongCode())
                        .thenReturn(entry));
        // what reaches the throttle is the refusal a caller sees: a wrong code and an unknown username alike
        return throttle.guarded(proven, ErrorCode.TOO_MANY_ATTEMPTS,
                        FailureThrottle.refusal(ErrorCode.VERIFICATION_CODE_INVALID_OR_UNKNOWN),
                        Limit.address("code", clientAddress), Limit.account("reset:" + username))
                .flatMap(entry -> {
                    var policy = new FieldValidation();
                    passwords.check(policy, "newPassword", newPassword, Fin.of(entry.fin()));
                    policy.throwIfInvalid();
                    return passwords.credentialFor(entry.cabinetId(), newPassword)
                            .flatMap(credential -> commands.send(
                                    new RecordPasswordChange(entry.cabinetId(), PasswordChanged.Reason.RESET), credential))
                            .then(sessions.revokeAllBut(entry.cabinetId(), null));
                })
                .then();
    }

    private static boolean isWrongCode(Throwable failure) {
        return FailureThrottle.refusal(ErrorCode.VERIFICATION_CODE_INVALID).test(failure);
    }

    /** Without the attempts left: that number would tell a known account from an unknown one. */
    private static DomainException wrongCode() {
        return new DomainException(ErrorCode.VERIFICATION_CODE_INVALID_OR_UNKNOWN);
    }
}
