package az.ekabinet.query.paging;

import az.ekabinet.domain.shared.FieldValidation;
import az.ekabinet.domain.shared.InvalidValueException;
import java.util.List;

/**
 * One page of a citizen's history, newest first. {@code hasMore} says whether a next page exists (the query asks one
 * row more than the page holds).
 */
public record Page<T>(List<T> items, int page, int size, boolean hasMore) {

    public static final int MAX_SIZE = 100;
    static final int DEFAULT_SIZE = 20;
    static final int MAX_PAGE = 100_000;

    /** Which page a request asks for: the {@code page} and {@code size} query values, checked, with their defaults. */
    public record Request(int page, int size) {

        /** 400 {@code VALIDATION_FAILED} naming the parameter when a value is not a number in its range. */
        public static Request of(String page, String size) {
            var v = new FieldValidation();
            Integer pageNumber = v.parseOptional("page", page, text -> number(text, 0, MAX_PAGE));
            Integer pageSize = v.parseOptional("size", size, text -> number(text, 1, MAX_SIZE));
            v.throwIfInvalid();
            return new Request(pageNumber == null ? 0 : pageNumber, pageSize == null ? DEFAULT_SIZE : pageSize);
        }

        /** The rows to ask for: one more than the page holds. */
        public int limit() {
            return size + 1;
        }

        public long offset() {
            return (long) page * size;
        }

        /** The page made of the rows asked for ({@link #limit()} at most). */
        public <T> Page<T> pageOf(List<T> rows) {
            return new Page<>(rows.subList(0, Math.min(rows.size(), size)), page, size, rows.size() > size);
        }

        private static int number(String text, int min, int max) {
            if (!text.matches("[0-9]{1,6}")) {
                throw new InvalidValueException("PAGE_PARAMETER");
            }
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new InvalidValueException("PAGE_PARAMETER");
            }
            return value;
        }
    }
}
