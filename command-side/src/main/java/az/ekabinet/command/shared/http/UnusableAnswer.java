package az.ekabinet.command.shared.http;

/**
 * An answer of an outside service that we cannot use whatever we do (unexpected status, a record that breaks the
 * agreed API): never retried, and logged as an integration error. The reason is logged, so it must never quote
 * personal data from the answer.
 */
public final class UnusableAnswer extends RuntimeException {

    public UnusableAnswer(String reason) {
        super(reason, null, false, false);
    }

    /** A required text: present, not blank, and at most {@code max} characters (what we store). */
    public static boolean present(String text, int max) {
        return text != null && !text.isBlank() && text.length() <= max;
    }

    /** An optional text: absent, or at most {@code max} characters. */
    public static boolean within(String text, int max) {
        return text == null || text.length() <= max;
    }
}
