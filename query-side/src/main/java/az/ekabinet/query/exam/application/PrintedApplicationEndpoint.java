package az.ekabinet.query.exam.application;

import az.ekabinet.domain.exam.application.BachelorEducation;
import az.ekabinet.domain.exam.application.MasterEducation;
import az.ekabinet.domain.exam.application.PreviousNames;
import az.ekabinet.domain.reference.ReferenceData;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.Refuses;
import az.ekabinet.query.exam.application.ApplicationView.Coded;
import az.ekabinet.query.exam.pdf.ApplicationPdf;
import az.ekabinet.query.exam.pdf.PrintedApplication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * GET /api/applications/{number}/pdf ("Çap", print): the owner's confirmed application as a PDF, in
 * Azerbaijani. A draft is 409 {@code APPLICATION_NOT_CONFIRMED}; anyone else's is 404. Rendering runs on the
 * bounded print scheduler, never on a Netty thread.
 */
@RestController
@Tag(name = "exam")
public class PrintedApplicationEndpoint {

    private static final Locale AZERBAIJANI = Locale.forLanguageTag("az");

    private final ApplicationViews views;
    private final ApplicationPdf pdf;
    private final Scheduler printScheduler;

    public PrintedApplicationEndpoint(ApplicationViews views, ApplicationPdf pdf,
                                      @Qualifier("printScheduler") Scheduler printScheduler) {
        this.views = views;
        this.pdf = pdf;
        this.printScheduler = printScheduler;
    }

    @Operation(operationId = "printApplication", summary = "My confirmed application as a PDF (Çap)",
            description = "Its number, personal data, education, exam choices, fee and confirmation time, with "
                    + "Azerbaijani letters embedded.")
    @ApiResponse(responseCode = "200", description = "The PDF",
            content = @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")))
    @Refuses({ErrorCode.APPLICATION_NOT_FOUND, ErrorCode.APPLICATION_NOT_CONFIRMED})
    @GetMapping(path = "/api/applications/{number}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    public Mono<ResponseEntity<byte[]>> print(@PathVariable String number, Principal citizen) {
        return views.owned(number, citizen.getName(), AZERBAIJANI)
                .map(PrintedApplicationEndpoint::printed)
                .flatMap(printed -> Mono.fromCallable(() -> pdf.render(printed)).subscribeOn(printScheduler))
                .map(bytes -> ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_PDF)
                        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                                .filename("erize-" + number + ".pdf").build().toString())
                        .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                        .body(bytes));
    }

    private static PrintedApplication printed(ApplicationView view) {
        if (!view.confirmed()) {
            throw new DomainException(ErrorCode.APPLICATION_NOT_CONFIRMED);
        }
        var person = view.personal();
        PreviousNames previous = person.previousNames();
        BachelorEducation bachelor = view.bachelor();
        MasterEducation master = view.master();
        var exam = view.examChoices();
        return new PrintedApplication(view.applicationNumber(), view.sessionTitle(), view.confirmedAt(),
                view.feeCharged(),
                new PrintedApplication.Person(person.surname(), person.name(), person.patronymic(), person.birthDate(),
                        person.fin(), person.document().series() + " " + person.document().number(),
                        person.citizenship(), person.registeredAddress(), person.mobilePhone(), person.email()),
                name(person.residence()),
                new PrintedApplication.PreviousNames(previous.surname(), previous.name(), previous.patronymic()),
                new PrintedApplication.Bachelor(
                        bachelor.source() == az.ekabinet.domain.exam.application.BachelorSource.REGISTRY
                                ? "Məzunlar reyestri (" + bachelor.registry() + ")" : "Əl ilə daxil edilib",
                        bachelor.institutionCode() + " – " + bachelor.institutionName(), bachelor.admissionYear(),
                        bachelor.graduationYear(), bachelor.specialtyCode() + " – " + bachelor.specialtyName(),
                        bachelor.admissionCaseNumber(), bachelor.diplomaSeries(), bachelor.diplomaNumber(),
                        ReferenceData.shipped().find(ReferenceData.Kind.INSTRUCTION_LANGUAGES,
                                bachelor.instructionLanguage()).map(ReferenceData.Item::name)
                                .orElse(bachelor.instructionLanguage()),
                        bachelor.gpa() == null ? null : bachelor.gpa().value() + " / " + bachelor.gpa().scale()),
                new PrintedApplication.Master(masterKind(master),
                        master.institutionCode() == null ? null
                                : master.institutionCode() + " – " + master.institutionName(),
                        master.graduationYear()),
                new PrintedApplication.Exam(name(exam.section()), name(exam.foreignLanguage()),
                        exam.specializations().stream().map(s -> s.code() + " – " + s.name()).toList()));
    }

    private static String masterKind(MasterEducation master) {
        return switch (master.kind()) {
            case NONE -> "Magistr təhsilim yoxdur";
            case STATE_FUNDED -> "Dövlət hesabına";
            case PAID -> "Ödənişli əsaslarla";
        };
    }

    private static String name(Coded coded) {
        return coded == null ? null : coded.name() == null ? coded.code() : coded.name();
    }
}
