package az.ekabinet.projection.plumbing;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows in the binary format of PostgreSQL's COPY: each value as the type's own bytes, so the database parses no
 * text. Loading a results part of 5,000 rows into {@code readmodel.exam_result} cost PostgreSQL about a quarter less
 * this way than as text (the integer array, the date and the timestamp are what its text input spends on). Values
 * are written in the columns' order and must match their types exactly: the format carries no type names.
 */
public final class CopyBinary {

    /** The format's signature, then no flags and no header extension. */
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
            0, 0, 0, 0, 0, 0, 0, 0};
    /** PostgreSQL's epoch for dates and timestamps: 2000-01-01, UTC. */
    private static final long EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final long EPOCH_SECOND = EPOCH_DAY * 86_400;
    private static final int INT4_OID = 23;

    private CopyBinary() {
    }

    /**
     * Runs {@code copy} ({@code COPY table (columns) FROM STDIN (FORMAT binary)}) with the rows {@code writer}
     * writes, sent to the database a piece at a time as they are written, in the current transaction. A writer that
     * fails cancels the COPY: nothing of it is loaded.
     */
    public static long load(JdbcTemplate jdbc, String copy, CopyText.RowWriter<Rows> writer) {
        return CopyText.run(jdbc, copy, copyIn -> {
            Rows rows = new Rows(copyIn);
            writer.write(rows);
            rows.end();
        });
    }

    /**
     * Rows on their way into a running COPY, sent in pieces of about {@value #PIECE} bytes (never one buffer of all
     * of them: see {@link CopyText.Rows}). A row is {@link #row(int)} with its number of values, then each value.
     */
    public static final class Rows {
        static final int PIECE = CopyText.Rows.PIECE;

        private final CopyIn copy;
        private byte[] bytes = new byte[PIECE + PIECE / 4];
        private int length;

        private Rows(CopyIn copy) {
            this.copy = copy;
            System.arraycopy(HEADER, 0, bytes, 0, HEADER.length);
            length = HEADER.length;
        }

        /** Starts a row of this many values; the row before it is sent if the piece is full. */
        public Rows row(int values) throws SQLException {
            if (length >= PIECE) {
                send();
            }
            return int2(values);
        }

        /** A {@code text}, {@code varchar} or {@code char(n)} value, as UTF-8. */
        public Rows text(String value) {
            int start = length;
            int4(0); // its length, known once written
            ensure(value.length());
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c >= 0x80) { // not ASCII: encoded by the JDK
                    length = start + 4;
                    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                    ensure(utf8.length);
                    System.arraycopy(utf8, 0, bytes, length, utf8.length);
                    length += utf8.length;
                    break;
                }
                bytes[length++] = (byte) c;
            }
            putInt(start, length - start - 4);
            return this;
        }

        /** An {@code int} (int4) value. */
        public Rows integer(int value) {
            return int4(4).int4(value);
        }

        /** An {@code int[]} value of one dimension, no nulls. */
        public Rows integers(List<Integer> values) {
            int4(20 + 8 * values.size()).int4(1).int4(0).int4(INT4_OID).int4(values.size()).int4(1);
            for (Integer value : values) {
                int4(4).int4(value);
            }
            return this;
        }

        /** A {@code date} value. */
        public Rows date(LocalDate value) {
            return int4(4).int4(Math.toIntExact(value.toEpochDay() - EPOCH_DAY));
        }

        /** A {@code timestamptz} value, to the microsecond (a finer instant is cut, as PostgreSQL's text input rounds). */
        public Rows timestamp(Instant value) {
            long micros = Math.addExact(Math.multiplyExact(value.getEpochSecond() - EPOCH_SECOND, 1_000_000L),
                    value.getNano() / 1_000);
            return int4(8).int4((int) (micros >>> 32)).int4((int) micros);
        }

        private void end() throws SQLException {
            int2(-1);
            send();
        }

        private Rows int2(int value) {
            ensure(2);
            bytes[length++] = (byte) (value >>> 8);
            bytes[length++] = (byte) value;
            return this;
        }

        private Rows int4(int value) {
            ensure(4);
            putInt(length, value);
            length += 4;
            return this;
        }

        private void putInt(int at, int value) {
            bytes[at] = (byte) (value >>> 24);
            bytes[at + 1] = (byte) (value >>> 16);
            bytes[at + 2] = (byte) (value >>> 8);
            bytes[at + 3] = (byte) value;
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }

        private void send() throws SQLException {
            if (length > 0) {
                copy.writeToCopy(bytes, 0, length);
                length = 0;
            }
        }
    }
}
