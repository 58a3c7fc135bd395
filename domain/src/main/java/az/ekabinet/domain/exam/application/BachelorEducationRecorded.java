package az.ekabinet.domain.exam.application;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The bachelor's education chosen from the registry or entered by hand. */
@Revision("1")
public record BachelorEducationRecorded(String applicationId, BachelorEducation bachelor, Instant recordedAt) implements SectionRecorded {

    @Override
    public ApplicationForm applyTo(ApplicationForm form) {
        return form.withBachelor(bachelor);
    }
}
