package az.ekabinet.domain.exam.result;

import java.util.Objects;

/** One subject of a session's result sheet: its code (a column of the scoring file), names and maximum score. */
public record ResultSubject(String code, String nameAz, String nameEn, int maxScoreTenths) {

    public ResultSubject {
        Objects.requireNonNull(code);
        Objects.requireNonNull(nameAz);
        Objects.requireNonNull(nameEn);
        if (maxScoreTenths <= 0) {
            throw new IllegalArgumentException("a subject's maximum score is positive: " + code);
        }
    }
}
