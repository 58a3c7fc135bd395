package az.ekabinet.domain.exam.application;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Exam section, foreign language and specializations chosen. */
@Revision("1")
public record ExamChoicesRecorded(String applicationId, ExamChoices examChoices, Instant recordedAt) implements SectionRecorded {

    @Override
    public ApplicationForm applyTo(ApplicationForm form) {
        return form.withExamChoices(examChoices);
    }
}
