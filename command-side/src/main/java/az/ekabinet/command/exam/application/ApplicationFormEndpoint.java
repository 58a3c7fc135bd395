package az.ekabinet.command.exam.application;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import az.ekabinet.domain.exam.application.ApplicationEdit;
import az.ekabinet.domain.exam.application.ApplicationInput.ManualBachelor;
import az.ekabinet.domain.exam.application.ApplicationInput;
import az.ekabinet.domain.exam.application.BachelorEducation;
import az.ekabinet.domain.exam.application.BachelorSource;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.FieldValidation;
import az.ekabinet.domain.shared.Instants;
import az.ekabinet.domain.shared.InvalidValueException;
import az.ekabinet.domain.shared.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
 * The sections of a draft application (personal, bachelor, master, exam), each replaced whole by a PUT that answers
 * 204; the application with its current problems list is read back at GET /api/applications/{number}. Input is checked
 * before anything is sent (every broken rule per field, 400); the aggregate then refuses after the deadline
 * ({@code DEADLINE_PASSED}) and once confirmed ({@code APPLICATION_ALREADY_CONFIRMED}). The edits go through
 * {@link ApplicationForm}; this endpoint maps HTTP and the sections' input to it.
 */
@RestController
@Tag(name = "exam")
public class ApplicationFormEndpoint {

    private final ApplicationForm form;
    /** This year bounds the years in the input (graduation, admission). */
    private final Clock clock;

    public ApplicationFormEndpoint(ApplicationForm form, Clock clock) {
        this.form = form;
        this.clock = clock;
    }

    @Schema(description = "Names before the bachelor admission, if they changed since (Azerbaijani letters, space, "
            + "hyphen, apostrophe); none: they did not change")
    public record PreviousNamesRequest(@Schema(maxLength = 60) String surname, @Schema(maxLength = 60) String name,
                                       @Schema(maxLength = 60) String patronymic) {
    }

    public record ResidenceRequest(@Schema(requiredMode = REQUIRED,
            description = "A district of /api/reference/districts: the actual place of residence (Faktiki yaşadığı "
                    + "məntəqə), which decides the exam city") String districtCode) {
    }

    @Schema(description = "The grade point average (ÜOMG): both or neither")
    public record GpaRequest(@Schema(description = "A scale of /api/reference/gpa-scales") String scale,
                             @Schema(pattern = "^[0-9]{1,3}(\\.[0-9]{1,2})?$") String value) {
    }

    /** {@code source} REGISTRY takes {@code recordId} only; MANUAL takes the other fields. */
    public record BachelorRequest(
            @Schema(requiredMode = REQUIRED, allowableValues = {"REGISTRY", "MANUAL"}) String source,
            @Schema(description = "REGISTRY: a recordId of GET .../bachelor-records") String recordId,
            @Schema(description = "MANUAL: an institution of /api/reference/institutions") String institutionCode,
            @Schema(minimum = "1940") Integer admissionYear,
            @Schema(minimum = "1940", description = "This year at the latest, after the admission year")
            Integer graduationYear,
            @Schema(description = "MANUAL: a specialty of /api/reference/specialties") String specialtyCode,
            @Schema(maxLength = 30) String admissionCaseNumber,
            @Schema(maxLength = 10) String diplomaSeries,
            @Schema(maxLength = 20) String diplomaNumber,
            @Schema(description = "A language of /api/reference/instruction-languages") String instructionLanguage,
            GpaRequest gpa) {
    }

    public record MasterRequest(
            @Schema(requiredMode = REQUIRED, allowableValues = {"NONE", "STATE_FUNDED", "PAID"},
                    description = "No master's education, studied at state expense, or on a paid basis") String kind,
            @Schema(description = "STATE_FUNDED and PAID: an institution of /api/reference/institutions")
            String institutionCode,
            @Schema(minimum = "1940", description = "STATE_FUNDED and PAID") Integer graduationYear) {
    }

    public record ExamChoicesRequest(
            @Schema(requiredMode = REQUIRED, allowableValues = {"AZ", "RU"}, description = "The exam section") String section,
            @Schema(requiredMode = REQUIRED, allowableValues = {"EN", "DE", "FR", "RU"},
                    description = "The Russian section cannot choose Russian") String foreignLanguage,
            @ArraySchema(maxItems = 20, uniqueItems = true, schema = @Schema(
                    description = "A specialization of /api/reference/specializations")) List<String> specializationCodes) {
    }

    @Operation(operationId = "recordPreviousNames", summary = "Previous names, if they changed after the bachelor admission",
            description = "Azerbaijani letters only; empty when the names did not change. Until the deadline.")
    @ApiResponse(responseCode = "204", description = "Recorded (or unchanged)")
    @Refuses({ErrorCode.APPLICATION_NOT_FOUND, ErrorCode.APPLICATION_ALREADY_CONFIRMED, ErrorCode.DEADLINE_PASSED})
    @PutMapping(path = "/api/applications/{number}/previous-names", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Void>> previousNames(@PathVariable String number, @RequestBody PreviousNamesRequest body,
                                                    Principal citizen) {
        return edit(number, citizen, v -> ApplicationInput.previousNames(body.surname(), body.name(),
                body.patronymic(), v));
    }

    @Operation(operationId = "recordResidence", summary = "The actual place of residence (Faktiki yaşadığı məntəqə)",
            description = "A district of the reference list; it decides the exam city. Until the deadline.")
    @ApiResponse(responseCode = "204", description = "Recorded (or unchanged)")
    @Refuses({ErrorCode.APPLICATION_NOT_FOUND, ErrorCode.APPLICATION_ALREADY_CONFIRMED, ErrorCode.DEADLINE_PASSED})
    @PutMapping(path = "/api/applications/{number}/residence", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Void>> residence(@PathVariable String number, @RequestBody ResidenceRequest body,
                                                Principal citizen) {
        return edit(number, citizen, v -> ApplicationInput.residence(body.districtCode(), v));
    }

    @Operation(operationId = "recordMasterEducation", summary = "Master's education (Magistr təhsili haqqında məlumat)",
            description = "None, at state expense or paid; the latter two with institution and graduation year.")
    @ApiResponse(responseCode = "204", description = "Recorded (or unchanged)")
    @Refuses({ErrorCode.APPLICATION_NOT_FOUND, ErrorCode.APPLICATION_ALREADY_CONFIRMED, ErrorCode.DEADLINE_PASSED})
    @PutMapping(path = "/api/applications/{number}/master-education", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Void>> master(@PathVariable String number, @RequestBody MasterRequest body,
                                             Principal citizen) {
        return edit(number, citizen, v -> ApplicationInput.master(body.kind(), body.institutionCode(),
                body.graduationYear(), Instants.currentYear(clock), v));
    }

    @Operation(operationId = "recordExamChoices", summary = "The exam section, foreign language and specializations",
            description = "Section AZ or RU, a foreign language (not Russian in the Russian section), up to 20 "
                    + "specializations.")
    @ApiResponse(responseCode = "204", description = "Recorded (or unchanged)")
    @Refuses({ErrorCode.APPLICATION_NOT_FOUND, ErrorCode.APPLICATION_ALREADY_CONFIRMED, ErrorCode.DEADLINE_PASSED})
    @PutMapping(path = "/api/applications/{number}/exam-choices", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Void>> examChoices(@PathVariable String number, @RequestBody ExamChoicesRequest body,
                                                  Principal citizen) {
        return edit(number, citizen, v -> ApplicationInput.examChoices(body.section(), body.foreignLanguage(),
                body.specializationCodes(), v));
    }

    /** The records the graduate registry holds for the owner ("Bakalavr təhsili haqqında məlumat verin"). */
    @Operation(operationId = "listBachelorRecords",
            summary = "My bachelor records in the graduate registry (Bakalavr təhsili haqqında məlumat verin)",
            description = "From TMMS, or for studies abroad the quality-assurance agency's system; empty if none.")
    @ApiResponse(responseCode = "200", description = "The records")
    @Refuses({ErrorCode.APPLICATION_NOT_FOUND, ErrorCode.EXTERNAL_SERVICE_UNAVAILABLE})
    @GetMapping(path = "/api/applications/{number}/bachelor-records", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<List<BachelorEducation>> bachelorRecords(@PathVariable String number, Principal citizen) {
        return form.bachelorRecords(number, citizen.getName());
    }

    @Operation(operationId = "recordBachelorEducation", summary = "Bachelor education: a registry record, or entered by hand",
            description = "REGISTRY: the record is read from the registry again, never taken from the client. "
                    + "MANUAL (Bakalavr təhsilim göstərilməyib): every field but the GPA and the case number.")
    @ApiResponse(responseCode = "204", description = "Recorded (or unchanged)")
    @Refuses({ErrorCode.APPLICATION_NOT_FOUND, ErrorCode.APPLICATION_ALREADY_CONFIRMED, ErrorCode.DEADLINE_PASSED,
            ErrorCode.EXTERNAL_SERVICE_UNAVAILABLE})
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
        return form.chooseRegistryRecord(number, citizen.getName(), recordId)
                .thenReturn(ResponseEntity.noContent().build());
    }

    /** Validates first (nothing is sent for bad input), then sends the edit to the owner's application. */
    private Mono<ResponseEntity<Void>> edit(String number, Principal citizen,
                                            Function<FieldValidation, ApplicationEdit> parse) {
        var v = new FieldValidation();
        ApplicationEdit edit = parse.apply(v);
        v.throwIfInvalid();
        return form.edit(number, citizen.getName(), edit).thenReturn(ResponseEntity.noContent().build());
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
            throw new InvalidValueException(ApplicationForm.RECORD_UNKNOWN);
        }
        return text;
    }
}
