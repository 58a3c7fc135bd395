package az.ekabinet.domain.exam.application;

import java.time.Instant;

/**
 * Surname, name and patronymic the citizen had at bachelor admission, where they differ from today's;
 * each may be null (only the surname may have changed). All null: nothing changed.
 */
public record PreviousNames(String surname, String name, String patronymic) implements ApplicationEdit {

    public static final PreviousNames NONE = new PreviousNames(null, null, null);

    /** No name changed since bachelor admission. */
    public boolean unchanged() {
        return surname == null && name == null && patronymic == null;
    }

    @Override
    public SectionRecorded recordedFor(String applicationId, Instant at) {
        return new PreviousNamesRecorded(applicationId, this, at);
    }
}
