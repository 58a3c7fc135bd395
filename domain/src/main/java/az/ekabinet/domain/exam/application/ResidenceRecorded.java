package az.ekabinet.domain.exam.application;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The actual place of residence chosen. */
@Revision("1")
public record ResidenceRecorded(String applicationId, Residence residence, Instant recordedAt) implements SectionRecorded {

    @Override
    public ApplicationForm applyTo(ApplicationForm form) {
        return form.withResidence(residence);
    }
}
