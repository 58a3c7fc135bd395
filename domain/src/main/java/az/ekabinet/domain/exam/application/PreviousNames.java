package az.ekabinet.domain.exam.application;

/**
 * Surname, name and patronymic the citizen had at bachelor admission, where they differ from today's (SPEC.md §5.3);
 * each may be null (only the surname may have changed). All null: nothing changed.
 */
public record PreviousNames(String surname, String name, String patronymic) {

    public static final PreviousNames NONE = new PreviousNames(null, null, null);

    public boolean isEmpty() {
        return surname == null && name == null && patronymic == null;
    }
}
