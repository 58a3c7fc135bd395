package az.ekabinet.config.plumbing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StoredInstantDeserializerTest {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    /** Any four-digit year, with none or 1 to 9 fraction digits: the instant {@link Instant#parse} reads. */
    @Test
    void readsWhatInstantParseReads() {
        long from = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        SplittableRandom random = new SplittableRandom(20261124);
        for (int i = 0; i < 200_000; i++) {
            LocalDateTime time = LocalDateTime.ofEpochSecond(random.nextLong(from, to + 1), 0, ZoneOffset.UTC);
            int fractionDigits = random.nextInt(10);
            StringBuilder text = new StringBuilder(SECONDS.format(time));
            if (fractionDigits > 0) {
                text.append('.');
                for (int digit = 0; digit < fractionDigits; digit++) {
                    text.append((char) ('0' + random.nextInt(10)));
                }
            }
            String stored = text.append('Z').toString();
            assertThat(StoredInstantDeserializer.parse(stored)).as(stored).isEqualTo(Instant.parse(stored));
        }
    }

    /** Shapes the storage mapper does not write, and invalid dates and times: left to java.time. */
    @Test
    void leavesEveryOtherTextToJavaTime() {
        for (String other : new String[] {"2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-00T00:00:00Z",
                "2026-01-01T24:00:00Z", "2026-01-01T23:60:00Z", "2026-12-31T23:59:60Z", "2026-01-01T00:00:00+04:00",
                "2026-01-01t00:00:00z", "+12026-01-01T00:00:00Z", "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00.1234567891Z",
                "2026-01-01T00:00Z", "2026-01-01 00:00:00Z", "2026-01-01T00:00:0xZ", "2026-01-01T00:00:00.12a4Z",
                "-026-01-01T00:00:00Z", ""}) {
            assertThat(StoredInstantDeserializer.parse(other)).as(other).isNull();
        }
    }

    /** The storage mapper reads instants with it, and what it leaves as Jackson's own deserializer does. */
    @Test
    void theStorageMapperReadsInstantsWithIt() throws Exception {
        ObjectMapper storage = StoredJson.mapper();
        DeserializationContext context = ((DefaultDeserializationContext) storage.getDeserializationContext())
                .createInstance(storage.getDeserializationConfig(), null, null);
        assertThat(context.findRootValueDeserializer(storage.constructType(Instant.class)))
                .isInstanceOf(StoredInstantDeserializer.class);

        ObjectMapper jackson = new ObjectMapper().registerModule(new JavaTimeModule());
        for (String json : new String[] {"\"2026-01-02T03:04:05.123Z\"", "\"2026-01-02T03:04:05Z\"",
                "\"2026-01-02T07:04:05.5+04:00\"", "\"2016-12-31T23:59:60Z\"", "1767323045.123456789", "1767323045123",
                "null"}) {
            assertThat(storage.readValue(json, Instant.class)).as(json).isEqualTo(jackson.readValue(json, Instant.class));
        }
        Instant written = Instant.parse("2026-01-02T03:04:05.120Z");
        assertThat(storage.readValue(storage.writeValueAsString(written), Instant.class)).isEqualTo(written);
    }

    record Scheduled(@JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "uuuu-MM-dd HH:mm", timezone = "UTC")
                     Instant at) {
    }

    /** A format set on a property stays Jackson's to apply (no stored event has one today). */
    @Test
    void aPropertyWithAFormatOfItsOwnIsReadByJackson() throws Exception {
        assertThat(StoredJson.mapper().readValue("{\"at\": \"2026-01-02 03:04\"}", Scheduled.class))
                .isEqualTo(new Scheduled(Instant.parse("2026-01-02T03:04:00Z")));
    }
}
