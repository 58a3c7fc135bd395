package az.ekabinet.query.exam.pdf;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What the printed application shows, already in display words: the caller maps its read model to
 * these strings, so the renderer knows layout only, never codes or reference lists. Any string or date not required
 * below may be null; it is printed as a dash.
 *
 * @param applicationNumber the six-digit number, required (it is also the document title)
 * @param confirmedAt       when the application was confirmed, required; printed in Baku time
 * @param feeCharged        the fee as a plain amount such as "50.00"; printed with "AZN"
 * @param actualResidence   the district the citizen actually lives in
 * @param previousNames     null or all-null parts when nothing changed
 * @param master            null when none is recorded; its rows then print dashes
 */
public record PrintedApplication(String applicationNumber, String sessionTitle, Instant confirmedAt,
                                 String feeCharged, Person person, String actualResidence,
                                 PreviousNames previousNames, Bachelor bachelor, Master master, Exam exam) {

    public PrintedApplication {
        Objects.requireNonNull(applicationNumber, "applicationNumber");
        Objects.requireNonNull(confirmedAt, "confirmedAt");
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(bachelor, "bachelor");
        Objects.requireNonNull(exam, "exam");
    }

    /** The citizen as the identity registry and the cabinet know them; identityDocument reads like "AZE 12345678". */
    public record Person(String surname, String name, String patronymic, LocalDate birthDate, String fin,
                         String identityDocument, String citizenship, String registeredAddress,
                         String mobilePhone, String email) {
    }

    /** Names at bachelor admission, where they differ from today's. */
    public record PreviousNames(String surname, String name, String patronymic) {
    }

    /**
     * The bachelor's education. {@code institution} and {@code specialty} read "code – name"; {@code gpa} reads like
     * "87.5 / 100".
     */
    public record Bachelor(String source, String institution, Integer admissionYear, Integer graduationYear,
                           String specialty, String admissionCaseNumber, String diplomaSeries,
                           String diplomaNumber, String instructionLanguage, String gpa) {
    }

    /** A master's education already had: its kind in words, and for a real one the institution and year. */
    public record Master(String kind, String institution, Integer graduationYear) {
    }

    /** The exam choices; each specialization reads "code – name", in the citizen's order. */
    public record Exam(String section, String foreignLanguage, List<String> specializations) {

        public Exam {
            specializations = specializations == null ? List.of() : List.copyOf(specializations);
        }
    }
}
