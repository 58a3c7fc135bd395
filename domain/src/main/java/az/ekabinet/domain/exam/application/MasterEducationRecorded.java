package az.ekabinet.domain.exam.application;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The master's education already had (or none). */
@Revision("1")
public record MasterEducationRecorded(String applicationId, MasterEducation master, Instant recordedAt) implements SectionRecorded {

    @Override
    public ApplicationForm applyTo(ApplicationForm form) {
        return form.withMaster(master);
    }
}
