package az.ekabinet.projection.plumbing;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows in the text format of PostgreSQL's COPY, its bulk load: one line per row, a tab between columns. Used where a
 * projection writes thousands of rows at once; the driver's escaping of the same rows as arrays of an INSERT took a
 * sixth of the ledger thread's CPU (the benchmark's profile).
 */
public final class CopyText {

    private CopyText() {
    }

    /** A {@code bytea} column's value given as lowercase hex: written as bytea's hex input, without the escaping scan. */
    public record HexBytes(String hex) {
    }

    /** Appends one row: the columns' text separated by tabs, then a newline. None may be null. */
    public static void appendRow(StringBuilder text, Object... columns) {
        for (int column = 0; column < columns.length; column++) {
            if (column > 0) {
                text.append('\t');
            }
            if (columns[column] instanceof HexBytes bytes) {
                text.append("\\\\x").append(bytes.hex()); // bytea's hex input, its backslash escaped
            } else {
                appendValue(text, columns[column].toString());
            }
        }
        text.append('\n');
    }

    /** A value as COPY reads it back: backslash, tab, newline and carriage return escaped. */
    public static void appendValue(StringBuilder text, String value) {
        int plain = 0; // values rarely hold any of them: copied whole up to the first one
        while (plain < value.length() && !special(value.charAt(plain))) {
            plain++;
        }
        if (plain == value.length()) {
            text.append(value);
            return;
        }
        text.append(value, 0, plain);
        for (int i = plain; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }

    private static boolean special(char c) {
        return c == '\\' || c == '\t' || c == '\n' || c == '\r';
    }

    /** Runs {@code copy} ({@code COPY table (columns) FROM STDIN}) with these rows, in the current transaction. */
    public static long load(JdbcTemplate jdbc, String copy, CharSequence rows) {
        return load(jdbc, copy, out -> {
            int from = 0;
            while (from < rows.length()) {
                int to = Math.min(rows.length(), from + Rows.PIECE);
                while (to < rows.length() && rows.charAt(to - 1) != '\n') {
                    to++; // to the end of a row: a piece never cuts a character in two
                }
                out.text().append(rows, from, to);
                out.rowEnded();
                from = to;
            }
        });
    }

    /**
     * Runs {@code copy} with the rows {@code writer} appends, sent to the database a piece at a time as they are
     * written, in the current transaction. A writer that fails cancels the COPY: nothing of it is loaded, and the
     * connection can be used again.
     */
    public static long load(JdbcTemplate jdbc, String copy, RowWriter writer) {
        return jdbc.execute((ConnectionCallback<Long>) connection -> {
            CopyIn copyIn = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy);
            try {
                Rows rows = new Rows(copyIn);
                writer.write(rows);
                rows.send();
                return copyIn.endCopy();
            } finally {
                if (copyIn.isActive()) {
                    copyIn.cancelCopy();
                }
            }
        });
    }

    /** Appends rows to a running COPY. */
    @FunctionalInterface
    public interface RowWriter {
        void write(Rows rows) throws SQLException;
    }

    /**
     * Rows on their way into a running COPY, sent in pieces of about {@value #PIECE} characters: never a buffer of
     * all of them (a part of an exam results import made rows of over half a MiB, which G1 allocates as humongous
     * objects, each one starting a concurrent marking cycle).
     */
    public static final class Rows {
        static final int PIECE = 32_768;

        private final CopyIn copy;
        private final StringBuilder text = new StringBuilder(PIECE + PIECE / 4);

        private Rows(CopyIn copy) {
            this.copy = copy;
        }

        /** Where the next row goes: its values separated by tabs, then a newline. */
        public StringBuilder text() {
            return text;
        }

        /** Called after each whole row: sends what is written once it fills a piece. */
        public void rowEnded() throws SQLException {
            if (text.length() >= PIECE) {
                send();
            }
        }

        private void send() throws SQLException {
            if (!text.isEmpty()) {
                byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
                text.setLength(0);
            }
        }
    }
}
