package az.ekabinet.domain.exam.application;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Previous surname, name or patronymic entered (all null: none changed). */
@Revision("1")
public record PreviousNamesRecorded(String applicationId, PreviousNames previousNames, Instant recordedAt) implements SectionRecorded {

    @Override
    public ApplicationForm applyTo(ApplicationForm form) {
        return form.withPreviousNames(previousNames);
    }
}
