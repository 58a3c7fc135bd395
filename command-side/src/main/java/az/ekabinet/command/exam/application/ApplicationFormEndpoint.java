package az.ekabinet.command.exam.application;

import az.ekabinet.command.cabinet.lookup.CabinetRegistry;
import az.ekabinet.command.exam.graduate.GraduateRegistry;
import az.ekabinet.command.shared.CommandDispatcher;
import az.ekabinet.domain.exam.application.ApplicationEdit;
import az.ekabinet.domain.exam.application.ApplicationInput;
import az.ekabinet.domain.exam.application.ApplicationInput.ManualBachelor;
import az.ekabinet.domain.exam.application.BachelorEducation;
import az.ekabinet.domain.exam.application.BachelorSource;
import az.ekabinet.domain.exam.application.EditApplication;
import az.ekabinet.domain.identity.Fin;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.FieldError;
import az.ekabinet.domain.shared.FieldValidation;
import az.ekabinet.domain.shared.InvalidValueException;
import az.ekabinet.domain.shared.Instants;
import az.ekabinet.domain.shared.ValidationFailedException;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The sections of a draft application (SPEC.md §5.3–5.6), each replaced whole by a PUT that answers 204; the
 * application with its current problems list is read back at GET /api/applications/{number}. Input is checked
 * before anything is sent (every broken rule per field, 400); the aggregate then refuses after the deadline
 * ({@code DEADLINE_PASSED}) and once confirmed ({@code APPLICATION_ALREADY_CONFIRMED}).
 */
@RestController
public class ApplicationFormEndpoint {

    static final String RECORD_UNKNOWN = "GRADUATE_RECORD_UNKNOWN";

    private final OwnedApplications applications;
    private final CommandDispatcher commands;
    private final CabinetRegistry cabinets;
    private final GraduateRegistry graduates;
    private final Clock clock;

    public ApplicationFormEndpoint(OwnedApplications applications, CommandDispatcher commands, CabinetRegistry cabinets,
                                   GraduateRegistry graduates, Clock clock) {
        this.applications = applications;
        this.commands = commands;
        this.cabinets = cabinets;
        this.graduates = graduates;
        this.clock = clock;
    }

    public record PreviousNamesRequest(String surname, String name, String patronymic) {
    }

    public record ResidenceRequest(String districtCode) {
    }

    public record GpaRequest(String scale, String value) {
    }

    /** {@code source} REGISTRY takes {@code recordId} only; MANUAL takes the other fields. */
    public record BachelorRequest(String source, String recordId, String institutionCode, Integer admissionYear,
                                  Integer graduationYear, String specialtyCode, String admissionCaseNumber,
                                  String diplomaSeries, String diplomaNumber, String instructionLanguage,
                                  GpaRequest gpa) {
    }

    public record MasterRequest(String kind, String institutionCode, Integer graduationYear) {
    }

    public record ExamChoicesRequest(String section, String foreignLanguage, List<String> specializationCodes) {
    }

    @PutMapping(path = "/api/applications/{number}/previous-names", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Void>> previousNames(@PathVariable String number, @RequestBody PreviousNamesRequest body,
                                                    Principal citizen) {
        return edit(number, citizen, v -> ApplicationInput.previousNames(body.surname(), body.name(),
                body.patronymic(), v));
    }

    @PutMapping(path = "/api/applications/{number}/residence", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Void>> residence(@PathVariable String number, @RequestBody ResidenceRequest body,
                                                Principal citizen) {
        return edit(number, citizen, v -> ApplicationInput.residence(body.districtCode(), v));
    }

    @PutMapping(path = "/api/applications/{number}/master-education", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Void>> master(@PathVariable String number, @RequestBody MasterRequest body,
                                             Principal citizen) {
        return edit(number, citizen, v -> ApplicationInput.master(body.kind(), body.institutionCode(),
                body.graduationYear(), Instants.currentYear(clock), v));
    }

    @PutMapping(path = "/api/applications/{number}/exam-choices", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Void>> examChoices(@PathVariable String number, @RequestBody ExamChoicesRequest body,
                                                  Principal citizen) {
        return edit(number, citizen, v -> ApplicationInput.examChoices(body.section(), body.foreignLanguage(),
                body.specializationCodes(), v));
    }

    /** The records the graduate registry holds for the owner ("Bakalavr təhsili haqqında məlumat verin"). */
    @GetMapping(path = "/api/applications/{number}/bachelor-records", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<List<BachelorEducation>> bachelorRecords(@PathVariable String number, Principal citizen) {
        return applications.idOf(number, citizen.getName()).then(registryRecords(citizen));
    }

    @PutMapping(path = "/api/applications/{number}/bachelor-education", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Void>> bachelor(@PathVariable String number, @RequestBody BachelorRequest body,
                                               Principal citizen) {
        var v = new FieldValidation();
        BachelorSource source = v.parse("source", body.source(), ApplicationFormEndpoint::source);
        if (source == BachelorSource.MANUAL) {
            GpaRequest gpa = body.gpa() == null ? new GpaRequest(null, null) : body.gpa();
            return edit(number, citizen, manual -> ApplicationInput.manualBachelor(new ManualBachelor(
                    body.institutionCode(), body.admissionYear(), body.graduationYear(), body.specialtyCode(),
                    body.admissionCaseNumber(), body.diplomaSeries(), body.diplomaNumber(), body.instructionLanguage(),
                    gpa.scale(), gpa.value()), Instants.currentYear(clock), manual));
        }
        String recordId = source == null ? null : v.parse("recordId", body.recordId(), ApplicationFormEndpoint::recordId);
        v.throwIfInvalid();
        // The record is taken from the registry again, never from the client: what is stored is what the registry says.
        return applications.idOf(number, citizen.getName())
                .flatMap(id -> registryRecords(citizen)
                        .map(records -> chosen(records, recordId))
                        .flatMap(record -> commands.send(new EditApplication(id, citizen.getName(), record))))
                .thenReturn(ResponseEntity.noContent().build());
    }

    private Mono<List<BachelorEducation>> registryRecords(Principal citizen) {
        return cabinets.byCabinetId(citizen.getName())
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

    /** Validates first (nothing is sent for bad input), then sends the edit to the owner's application. */
    private Mono<ResponseEntity<Void>> edit(String number, Principal citizen,
                                            Function<FieldValidation, ApplicationEdit> parse) {
        var v = new FieldValidation();
        ApplicationEdit edit = parse.apply(v);
        v.throwIfInvalid();
        return applications.idOf(number, citizen.getName())
                .flatMap(id -> commands.send(new EditApplication(id, citizen.getName(), edit)))
                .thenReturn(ResponseEntity.noContent().build());
    }

    private static BachelorSource source(String text) {
        try {
            return BachelorSource.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(ApplicationInput.UNKNOWN_VALUE);
        }
    }

    private static String recordId(String text) {
        if (!text.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new InvalidValueException(RECORD_UNKNOWN);
        }
        return text;
    }
}
