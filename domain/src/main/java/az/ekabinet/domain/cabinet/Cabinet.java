package az.ekabinet.domain.cabinet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import az.ekabinet.domain.shared.Instants;
import java.time.Clock;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * A citizen's personal cabinet, from the first registration step on. Its identity is
 * {@code cabinet:<FIN>}, so the event store's unique key allows one cabinet per FIN, also when registrations
 * race. Registration steps are its states; an unfinished registration can be started again, a completed one
 * never. Passwords and SMS codes never enter it.
 */
@AggregateRoot
public class Cabinet {

    enum Status { REGISTERING, ACTIVE }

    @AggregateIdentifier
    private String id;
    private Status status;
    private String registrationId;
    private PersonRecord person;
    private String mobilePhone;
    private boolean phoneVerified;
    private String email;

    protected Cabinet() {
        // for Axon
    }

    private static final String ID_PREFIX = "cabinet:";

    /** A cabinet's id from its holder's FIN: the one place the {@code cabinet:} prefix is put. */
    public static String idOf(String fin) {
        return ID_PREFIX + fin;
    }

    /** The FIN of a cabinet's id ({@code cabinet:<FIN>}). */
    public static String finOf(String cabinetId) {
        if (cabinetId == null || !cabinetId.startsWith(ID_PREFIX)) {
            throw new IllegalArgumentException("Not a cabinet's id (" + ID_PREFIX + "<FIN>)");
        }
        return cabinetId.substring(ID_PREFIX.length());
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(StartRegistration command, Clock clock) {
        if (status == Status.ACTIVE) {
            throw CabinetRefusal.alreadyExists();
        }
        apply(new RegistrationStarted(command.cabinetId(), command.registrationId(), command.person(),
                Instants.now(clock)));
    }

    @CommandHandler
    public void handle(ProvideContact command) {
        requireRegistration(command.registrationId());
        apply(new ContactProvided(id, registrationId, command.mobilePhone().e164(),
                command.email() == null ? null : command.email().value()));
    }

    @CommandHandler
    public void handle(VerifyRegistrationPhone command, Clock clock) {
        requireRegistration(command.registrationId());
        if (mobilePhone == null || !mobilePhone.equals(command.mobilePhone().e164())) {
            throw CabinetRefusal.stepOutOfOrder("CONTACT");
        }
        apply(new RegistrationPhoneVerified(id, registrationId, mobilePhone, Instants.now(clock)));
    }

    @CommandHandler
    public void handle(ActivateCabinet command, Clock clock) {
        requireRegistration(command.registrationId());
        if (mobilePhone == null) {
            throw CabinetRefusal.stepOutOfOrder("CONTACT");
        }
        if (!phoneVerified) {
            throw CabinetRefusal.stepOutOfOrder("PHONE_VERIFICATION");
        }
        apply(new CabinetActivated(id, command.cabinetNumber().value(), person.fin(), mobilePhone, email,
                Instants.now(clock)));
    }

    @CommandHandler
    public void handle(ChangeEmail command, Clock clock) {
        requireActive();
        String newEmail = command.email() == null ? null : command.email().value();
        if (!Objects.equals(newEmail, email)) {
            apply(new EmailChanged(id, newEmail, Instants.now(clock)));
        }
    }

    @CommandHandler
    public void handle(ChangePhone command, Clock clock) {
        requireActive();
        if (!command.mobilePhone().e164().equals(mobilePhone)) {
            apply(new PhoneChanged(id, command.mobilePhone().e164(), Instants.now(clock)));
        }
    }

    @CommandHandler
    public void handle(RenewIdentityDocument command, Clock clock) {
        requireActive();
        if (!person.fin().equals(command.person().fin())) {
            throw CabinetRefusal.documentNotRenewed();
        }
        if (!command.person().equals(person)) {
            apply(new IdentityDocumentRenewed(id, command.person(), Instants.now(clock)));
        }
    }

    @CommandHandler
    public void handle(RecordPasswordChange command, Clock clock) {
        requireActive();
        apply(new PasswordChanged(id, command.reason(), Instants.now(clock)));
    }

    private void requireRegistration(String givenRegistrationId) {
        if (status == Status.ACTIVE) {
            throw CabinetRefusal.alreadyCompleted();
        }
        if (!Objects.equals(registrationId, givenRegistrationId)) {
            throw CabinetRefusal.registrationNotFound();
        }
    }

    private void requireActive() {
        if (status != Status.ACTIVE) {
            throw CabinetRefusal.registrationNotFound();
        }
    }

    @EventSourcingHandler
    void on(RegistrationStarted event) {
        id = event.cabinetId();
        status = Status.REGISTERING;
        registrationId = event.registrationId();
        person = event.person();
        mobilePhone = null;
        phoneVerified = false;
        email = null;
    }

    @EventSourcingHandler
    void on(ContactProvided event) {
        phoneVerified = phoneVerified && event.mobilePhone().equals(mobilePhone);
        mobilePhone = event.mobilePhone();
        email = event.email();
    }

    @EventSourcingHandler
    void on(RegistrationPhoneVerified event) {
        phoneVerified = true;
    }

    @EventSourcingHandler
    void on(CabinetActivated event) {
        status = Status.ACTIVE;
        registrationId = null;
    }

    @EventSourcingHandler
    void on(EmailChanged event) {
        email = event.email();
    }

    @EventSourcingHandler
    void on(PhoneChanged event) {
        mobilePhone = event.mobilePhone();
        phoneVerified = true;
    }

    @EventSourcingHandler
    void on(IdentityDocumentRenewed event) {
        person = event.person();
    }
}
