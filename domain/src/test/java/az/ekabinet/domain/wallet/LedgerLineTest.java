package az.ekabinet.domain.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.domain.wallet.LedgerLine.Type;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The ledger's hash chain, against hashes computed outside Java ({@code printf '%s' '<text>' | sha256sum}). */
class LedgerLineTest {

    private static final LedgerLine FIRST = new LedgerLine(1, "100000009", Type.CREDIT, 5000, 5000,
            "PAYMENT_CODE:AB12CD34EF56", LedgerLine.timeText(Instant.parse("2026-01-15T10:00:00.12+04:00")));

    @Test
    void theHashedTextIsTheWireFieldsJoinedByBars() {
        assertThat(FIRST.hashedText(LedgerLine.GENESIS_HASH)).isEqualTo(
                "1|100000009|CREDIT|50.00|50.00|PAYMENT_CODE:AB12CD34EF56|2026-01-15T06:00:00.120000Z|"
                        + "0".repeat(64));
    }

    @Test
    void eachHashChainsThePreviousOne() {
        String first = FIRST.hash(LedgerLine.GENESIS_HASH);
        assertThat(first).isEqualTo("8e621ccf9d8386a308894dd37048354d2e31e3cd3995a0067e28bc71494bc2cf");
        var second = new LedgerLine(2, "123456782", Type.DEBIT, 5, 4995, "EXAM_FEE:100001",
                LedgerLine.timeText(Instant.parse("2026-01-15T06:00:01Z")));
        assertThat(second.hash(first)).isEqualTo("933ef8bcf9c522851a9c1048cda36b3687418cec312aad831c1d1cb15b78d059");
    }

    @Test
    void timesAlwaysCarrySixFractionDigitsInUtc() {
        assertThat(LedgerLine.timeText(Instant.parse("2026-01-15T06:00:00Z"))).isEqualTo("2026-01-15T06:00:00.000000Z");
        assertThat(LedgerLine.timeText(Instant.parse("2026-01-15T06:00:00.123456789Z")))
                .isEqualTo("2026-01-15T06:00:00.123456Z");
    }

    /** Written by hand for speed: character for character what the pattern formats, for any instant. */
    @Test
    void timesAreWhatTheirPatternFormats() {
        DateTimeFormatter pattern = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
                .withZone(ZoneOffset.UTC);
        long from = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond();
        SplittableRandom random = new SplittableRandom(20261123);
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(from, to), random.nextInt(1_000_000_000));
            assertThat(LedgerLine.timeText(instant)).as("%s", instant).isEqualTo(pattern.format(instant));
        }
        // the bounds of the years put together by hand, and one either side (those go through the pattern itself)
        for (String edge : new String[] {"0999-12-31T23:59:59.999999999Z", "1000-01-01T00:00:00Z", "1970-01-01T00:00:00Z",
                "2024-02-29T12:00:00.000001Z", "9999-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z"}) {
            Instant instant = Instant.parse(edge);
            assertThat(LedgerLine.timeText(instant)).as(edge).isEqualTo(pattern.format(instant));
        }
    }
}
