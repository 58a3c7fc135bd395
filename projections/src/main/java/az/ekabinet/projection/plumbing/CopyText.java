package az.ekabinet.projection.plumbing;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import org.postgresql.PGConnection;
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
        return jdbc.execute((ConnectionCallback<Long>) connection -> {
            try {
                return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new StringReader(rows.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
