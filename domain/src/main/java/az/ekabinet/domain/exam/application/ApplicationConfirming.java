package az.ekabinet.domain.exam.application;

import az.ekabinet.domain.exam.session.ExamSession;
import az.ekabinet.domain.money.Money;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.FieldError;
import az.ekabinet.domain.shared.ValidationFailedException;
import az.ekabinet.domain.wallet.MovementCause;
import az.ekabinet.domain.wallet.Wallet;
import java.time.Clock;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

/**
 * Confirming an application charges its fee: the wallet's debit ({@code EXAM_FEE:<number>}) and the confirmation
 * are applied in ONE unit of work, so one database transaction — both happen or neither. A repeated or concurrent
 * confirmation finds the application confirmed and answers with the same fee and confirmation time (and the balance
 * as it is now), charging nothing more; not enough money refuses with the missing amount and leaves everything as
 * it was.
 */
public class ApplicationConfirming {

    public static final String CONSENT_REQUIRED = "CONSENT_REQUIRED";

    private final Repository<ExamApplication> applications;
    private final Repository<ExamSession> sessions;
    private final Repository<Wallet> wallets;

    public ApplicationConfirming(Repository<ExamApplication> applications, Repository<ExamSession> sessions,
                                 Repository<Wallet> wallets) {
        this.applications = applications;
        this.sessions = sessions;
        this.wallets = wallets;
    }

    @CommandHandler
    public ConfirmedApplication handle(ConfirmApplication command, Clock clock) {
        Aggregate<ExamApplication> application = Applications.owned(applications, command.applicationId(),
                command.cabinetId());
        Aggregate<Wallet> wallet = Applications.load(wallets, Wallet.idOf(command.cabinetId()),
                ErrorCode.WALLET_NOT_FOUND);
        if (application.invoke(ExamApplication::confirmed)) {
            return application.invoke(a -> a.confirmation(wallet.invoke(Wallet::balance)));
        }
        if (!command.consentToDebit()) {
            throw new ValidationFailedException(List.of(new FieldError("consentToDebit", CONSENT_REQUIRED)));
        }
        Money fee = Applications.openSession(sessions, application, clock).invoke(ExamSession::fee);
        application.execute(ExamApplication::requireComplete);
        String number = application.invoke(ExamApplication::applicationNumber);
        Money balance = wallet.invoke(w -> w.debit(fee, MovementCause.examFee(number), clock));
        application.execute(a -> a.confirm(fee, clock));
        return application.invoke(a -> a.confirmation(balance));
    }
}
