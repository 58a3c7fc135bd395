package az.ekabinet.command.exam.application;

import az.ekabinet.command.cabinet.lookup.CabinetRegistry;
import az.ekabinet.command.exam.graduate.GraduateRegistry;
import az.ekabinet.command.shared.CommandDispatcher;
import az.ekabinet.domain.exam.application.ApplicationEdit;
import az.ekabinet.domain.exam.application.ApplicationInput;
import az.ekabinet.domain.exam.application.BachelorEducation;
import az.ekabinet.domain.exam.application.EditApplication;
import az.ekabinet.domain.identity.Fin;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.FieldError;
import az.ekabinet.domain.shared.Instants;
import az.ekabinet.domain.shared.ValidationFailedException;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Filling in the sections of a draft application: an edit goes to the caller's own application (anyone else's number
 * is APPLICATION_NOT_FOUND), and a bachelor education from the graduate registry is read from the registry again,
 * never taken from the client. The aggregate refuses after the deadline and once the application is confirmed.
 */
@Component
public class ApplicationForm {

    /** The rule broken by a record id the registry does not hold for the citizen. */
    static final String RECORD_UNKNOWN = "GRADUATE_RECORD_UNKNOWN";

    private final OwnedApplications applications;
    private final CommandDispatcher commands;
    private final CabinetRegistry cabinets;
    private final GraduateRegistry graduates;
    private final Clock clock;

    public ApplicationForm(OwnedApplications applications, CommandDispatcher commands, CabinetRegistry cabinets,
                           GraduateRegistry graduates, Clock clock) {
        this.applications = applications;
        this.commands = commands;
        this.cabinets = cabinets;
        this.graduates = graduates;
        this.clock = clock;
    }

    /** Sends {@code edit}, a section's input already validated, to application {@code number} of {@code cabinetId}. */
    public Mono<Void> edit(String number, String cabinetId, ApplicationEdit edit) {
        return applications.idOf(number, cabinetId)
                .flatMap(id -> commands.send(new EditApplication(id, cabinetId, edit)))
                .then();
    }

    /** The records the graduate registry holds for the owner of application {@code number}. */
    public Mono<List<BachelorEducation>> bachelorRecords(String number, String cabinetId) {
        return applications.idOf(number, cabinetId).then(registryRecords(cabinetId));
    }

    /**
     * Records the registry's record {@code recordId} as the bachelor education. The record is taken from the registry
     * again, never from the client: what is stored is what the registry says. An id the registry does not hold, or a
     * record that graduates after this year, is a validation failure of field {@code recordId}.
     */
    public Mono<Void> chooseRegistryRecord(String number, String cabinetId, String recordId) {
        return applications.idOf(number, cabinetId)
                .flatMap(id -> registryRecords(cabinetId)
                        .map(records -> chosen(records, recordId))
                        .flatMap(record -> commands.send(new EditApplication(id, cabinetId, record))))
                .then();
    }

    private Mono<List<BachelorEducation>> registryRecords(String cabinetId) {
        return cabinets.byCabinetId(cabinetId)
                .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.NOT_FOUND)))
                .flatMap(cabinet -> graduates.recordsOf(new Fin(cabinet.fin())));
    }

    /** The registry's record the citizen chose; like a hand-made entry, it cannot graduate after this year. */
    private BachelorEducation chosen(List<BachelorEducation> records, String recordId) {
        BachelorEducation record = records.stream().filter(r -> r.recordId().equals(recordId)).findFirst()
                .orElseThrow(() -> new ValidationFailedException(List.of(new FieldError("recordId", RECORD_UNKNOWN))));
        if (record.graduationYear() > Instants.currentYear(clock)) {
            throw new ValidationFailedException(List.of(new FieldError("recordId", ApplicationInput.YEAR_RANGE)));
        }
        return record;
    }
}
