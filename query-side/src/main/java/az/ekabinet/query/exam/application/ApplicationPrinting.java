package az.ekabinet.query.exam.application;

import az.ekabinet.domain.exam.application.BachelorEducation;
import az.ekabinet.domain.exam.application.MasterEducation;
import az.ekabinet.domain.exam.application.PreviousNames;
import az.ekabinet.domain.reference.ReferenceData;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.query.exam.application.ApplicationView.Coded;
import az.ekabinet.query.exam.pdf.ApplicationPdf;
import az.ekabinet.query.exam.pdf.PrintedApplication;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Prints the owner's confirmed application ("Çap"): its view in Azerbaijani, laid out for print and rendered as a PDF
 * on the bounded print scheduler, never on a Netty thread. A draft is {@code APPLICATION_NOT_CONFIRMED}; anyone
 * else's application is {@code APPLICATION_NOT_FOUND}.
 */
@Component
public class ApplicationPrinting {

    private static final Locale AZERBAIJANI = Locale.forLanguageTag("az");

    private final ApplicationViews views;
    private final ApplicationPdf pdf;
    private final Scheduler printScheduler;

    public ApplicationPrinting(ApplicationViews views, ApplicationPdf pdf,
                               @Qualifier("printScheduler") Scheduler printScheduler) {
        this.views = views;
        this.pdf = pdf;
        this.printScheduler = printScheduler;
    }

    /** The PDF of application {@code number} of {@code cabinetId}. */
    public Mono<byte[]> print(String number, String cabinetId) {
        return views.owned(number, cabinetId, AZERBAIJANI)
                .map(ApplicationPrinting::printed)
                .flatMap(printed -> Mono.fromCallable(() -> pdf.render(printed)).subscribeOn(printScheduler));
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
