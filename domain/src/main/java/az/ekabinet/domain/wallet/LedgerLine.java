package az.ekabinet.domain.wallet;

import az.ekabinet.domain.money.Money;
import az.ekabinet.domain.shared.Hex;
import az.ekabinet.domain.shared.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One line of the auditors' ledger and the hash that chains it to the line before:
 * lowercase hex SHA-256 of the UTF-8 text
 * {@code position|cabinetNumber|type|amount|balanceAfter|cause|occurredAt|<previous hash>}, the first line's previous
 * hash being 64 zeros. Amounts are their wire text ("50.00"); {@code occurredAt} is
 * the event's instant in UTC with exactly six fraction digits ("2026-01-15T06:00:00.120000Z", {@link #timeText}), the
 * same characters the line carries, so anyone can recompute the chain from the lines alone. {@code cause} is the
 * movement's {@link MovementCause} in its wire form ({@code EXAM_FEE:100001}), kept as text: a line is checked
 * against its hash as it was written, never re-made from a parsed cause.
 */
public record LedgerLine(long position, String cabinetNumber, Type type, long amountQepik, long balanceAfterQepik,
                         String cause, String occurredAt) {

    /** The "previous hash" of the first line. */
    public static final String GENESIS_HASH = "0".repeat(64);

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** The ledger entry types on the wire. */
    public enum Type { CREDIT, DEBIT }

    /**
     * An instant as the ledger writes it: UTC, microseconds, always six fraction digits (sorts as it happened). The
     * characters {@code uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'} gives, put together by hand for four-digit years: the
     * formatter took a third of the ledger rebuild's writing thread.
     */
    public static String timeText(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        if (utc.getYear() < 1000 || utc.getYear() > 9999) {
            return TIME.format(instant); // its padding and sign rules for other years
        }
        StringBuilder text = new StringBuilder(27).append(utc.getYear());
        appendPadded(text.append('-'), utc.getMonthValue(), 2);
        appendPadded(text.append('-'), utc.getDayOfMonth(), 2);
        appendPadded(text.append('T'), utc.getHour(), 2);
        appendPadded(text.append(':'), utc.getMinute(), 2);
        appendPadded(text.append(':'), utc.getSecond(), 2);
        appendPadded(text.append('.'), utc.getNano() / 1000, 6); // microseconds, the rest cut off as the formatter does
        return text.append('Z').toString();
    }

    private static void appendPadded(StringBuilder text, int value, int digits) {
        for (int bound = 10; digits > 1; digits--, bound *= 10) {
            if (value < bound) {
                text.append('0');
            }
        }
        text.append(value);
    }

    /** The amount as the line shows and hashes it ("50.00"). */
    public String amount() {
        return Money.wire(amountQepik);
    }

    /** The balance after this movement as the line shows and hashes it. */
    public String balanceAfter() {
        return Money.wire(balanceAfterQepik);
    }

    /** The line's fields as hashed, without the previous hash: {@code position|cabinetNumber|…|occurredAt}. */
    public String text() {
        return String.join("|", Long.toString(position), cabinetNumber, type.name(), amount(), balanceAfter(), cause,
                occurredAt);
    }

    /**
     * This line's leaf in the ledger's Merkle tree ({@code az.ekabinet.domain.ledger}): the UTF-8 bytes of
     * {@code position|cabinetNumber|type|amount|balanceAfter|cause|occurredAt|hash}, the line as exported with its own
     * chain hash last, so that the tree also commits to the chain.
     */
    public byte[] leafBytes(String hash) {
        return leafBytes(text().getBytes(StandardCharsets.UTF_8), hash);
    }

    /** {@link #leafBytes(String)} of a line whose {@link #text()} in UTF-8 is {@code text}. */
    public static byte[] leafBytes(byte[] text, String hash) {
        byte[] hex = hash.getBytes(StandardCharsets.US_ASCII);
        byte[] leaf = new byte[text.length + 1 + hex.length];
        System.arraycopy(text, 0, leaf, 0, text.length);
        leaf[text.length] = '|';
        System.arraycopy(hex, 0, leaf, text.length + 1, hex.length);
        return leaf;
    }

    /** The exact text that is hashed, given the previous line's hash. */
    public String hashedText(String previousHash) {
        return text() + "|" + previousHash;
    }

    /** This line's hash, given the previous line's hash ({@link #GENESIS_HASH} for position 1). */
    public String hash(String previousHash) {
        return hash(text().getBytes(StandardCharsets.UTF_8), previousHash);
    }

    /**
     * {@link #hash(String)} of a line whose {@link #text()} in UTF-8 is {@code text}: for writers that also need the
     * text for the line's leaf, and make it once (the ledger's rebuild makes a million).
     */
    public static String hash(byte[] text, String previousHash) {
        MessageDigest sha = Sha256.digest();
        sha.update(text);
        sha.update((byte) '|');
        return Hex.of(sha.digest(previousHash.getBytes(StandardCharsets.US_ASCII)));
    }
}
