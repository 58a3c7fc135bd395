package az.ekabinet.query.exam.application;

import az.ekabinet.domain.exam.application.ApplicationSection;
import az.ekabinet.domain.exam.application.BachelorEducation;
import az.ekabinet.domain.exam.application.MasterEducation;
import az.ekabinet.domain.exam.application.PreviousNames;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The whole application as its owner sees it (GET /api/applications/{number}): the personal section from the
 * cabinet, the sections filled in (null while not yet), and the problems list in the caller's language.
 */
public record ApplicationView(String applicationNumber, String sessionId, String sessionTitle, String status,
                              String fee, Instant deadline, Instant startedAt, Instant confirmedAt, String feeCharged,
                              Personal personal, BachelorEducation bachelor, MasterEducation master,
                              ExamChoicesView examChoices, List<Problem> problems) {

    /** A code with its name from the reference lists. */
    public record Coded(String code, String name) {
    }

    public record Document(String series, String number) {
    }

    /** Cabinet data (changed in the cabinet, not here), the actual residence and any previous names. */
    public record Personal(String fin, String surname, String name, String patronymic, LocalDate birthDate,
                           String citizenship, String registeredAddress, Document document, String mobilePhone,
                           String email, Coded residence, PreviousNames previousNames) {
    }

    public record ExamChoicesView(Coded section, Coded foreignLanguage, List<Coded> specializations) {
    }

    /** One line of the status panel, in plain words. */
    /** What is still missing or wrong in a section, in plain words. */
    @Schema(name = "ApplicationProblem")
    public record Problem(ApplicationSection section, String code, String message) {
    }

    public boolean confirmed() {
        return confirmedAt != null;
    }
}
