package az.ekabinet.query.exam.pdf;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What the printed exam result shows, already in display words: the caller maps the result and its sheet to these
 * strings, so the renderer knows layout only, never tenths or codes. Scores are written as the API shows them
 * ({@code "45.5"}, {@code "60.0"}). Only the session title and the applicant's patronymic may be null (a dash, and
 * nothing, respectively).
 *
 * @param applicationNumber the six-digit number of the application the result belongs to (also the document title)
 * @param subjects          the sheet's subjects in its order, at least one
 * @param total             the sum of the scores; {@code maxTotal} the sum of the subjects' maximums
 * @param passThreshold     the total a candidate needs to pass
 * @param passed            whether {@code total} reached {@code passThreshold}, as the results decided it
 * @param publishedAt       when the results became visible; printed in Baku time
 */
public record PrintedResult(String applicationNumber, String sessionTitle, Applicant applicant, LocalDate examDate,
                            String centreCode, List<Subject> subjects, String total, String maxTotal,
                            String passThreshold, boolean passed, Instant publishedAt) {

    public PrintedResult {
        Objects.requireNonNull(applicationNumber, "applicationNumber");
        Objects.requireNonNull(applicant, "applicant");
        Objects.requireNonNull(examDate, "examDate");
        Objects.requireNonNull(centreCode, "centreCode");
        subjects = List.copyOf(subjects);
        if (subjects.isEmpty()) {
            throw new IllegalArgumentException("a result has at least one subject");
        }
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(maxTotal, "maxTotal");
        Objects.requireNonNull(passThreshold, "passThreshold");
        Objects.requireNonNull(publishedAt, "publishedAt");
    }

    /** Whose result it is, as the cabinet knows them. */
    public record Applicant(String surname, String name, String patronymic, String fin) {

        public Applicant {
            Objects.requireNonNull(surname, "surname");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(fin, "fin");
        }
    }

    /** One subject of the sheet: its Azerbaijani name, the score and the subject's maximum. */
    public record Subject(String name, String score, String maxScore) {

        public Subject {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(score, "score");
            Objects.requireNonNull(maxScore, "maxScore");
        }
    }
}
