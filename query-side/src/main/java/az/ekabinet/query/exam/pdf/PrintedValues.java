package az.ekabinet.query.exam.pdf;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How every printed document writes dates, instants and values made of parts. Each answers null for nothing to
 * print, which the layout prints as a dash.
 */
final class PrintedValues {

    private static final ZoneId BAKU = ZoneId.of("Asia/Baku");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm").withZone(BAKU);

    private PrintedValues() {
    }

    static String date(LocalDate date) {
        return date == null ? null : DATE.format(date);
    }

    /** In Baku time, whatever the server's zone: the citizen reads the clock of the country. */
    static String dateTime(Instant instant) {
        return instant == null ? null : DATE_TIME.format(instant);
    }

    /** The non-null parts joined, or null when there are none. */
    static String joined(String separator, String... parts) {
        String joined = Arrays.stream(parts).filter(Objects::nonNull).collect(Collectors.joining(separator));
        return joined.isEmpty() ? null : joined;
    }
}
