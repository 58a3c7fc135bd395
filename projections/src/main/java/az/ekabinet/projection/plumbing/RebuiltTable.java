package az.ekabinet.projection.plumbing;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A read-model table rebuilt beside the one in use and swapped in at the end, in the caller's transaction: readers
 * keep the old rows until the commit and wait only for the swap itself. The copy gets its indexes after it is filled,
 * which is several times faster than maintaining them row by row; they are the live table's constraints and indexes
 * as the catalog has them, so a later migration's index is rebuilt too.
 */
public final class RebuiltTable {

    private static final String SUFFIX = "_rebuilt";

    private final JdbcTemplate jdbc;
    private final String schema;
    private final String table;
    private final List<String> renames = new ArrayList<>();

    /** Creates {@code schema.table_rebuilt}, empty, with the columns, defaults and checks of {@code schema.table}. */
    public RebuiltTable(JdbcTemplate jdbc, String schema, String table) {
        this.jdbc = jdbc;
        this.schema = schema;
        this.table = table;
        jdbc.execute("CREATE TABLE %s (LIKE %s INCLUDING ALL EXCLUDING INDEXES)".formatted(name(), live()));
    }

    /** The rebuilt table's qualified name, to fill it. */
    public String name() {
        return schema + "." + table + SUFFIX;
    }

    private String live() {
        return schema + "." + table;
    }

    /** Gives the filled copy the live table's unique and primary keys and its other indexes. */
    public void index() {
        for (String[] constraint : pairs("""
                SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
                WHERE conrelid = ?::regclass AND contype IN ('p', 'u', 'x')""")) {
            jdbc.execute("ALTER TABLE %s ADD CONSTRAINT %s %s".formatted(name(), constraint[0] + SUFFIX, constraint[1]));
            renames.add("ALTER TABLE %s RENAME CONSTRAINT %s TO %s".formatted(live(), constraint[0] + SUFFIX,
                    constraint[0]));
        }
        for (String[] index : pairs("""
                SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                WHERE i.indrelid = ?::regclass
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)""")) {
            String on = " INDEX " + index[0] + " ON " + live() + " ";
            if (!index[1].contains(on)) {
                throw new IllegalStateException("an index this rebuild cannot copy: " + index[1]);
            }
            jdbc.execute(index[1].replace(on, " INDEX " + index[0] + SUFFIX + " ON " + name() + " "));
            renames.add("ALTER INDEX %s.%s RENAME TO %s".formatted(schema, index[0] + SUFFIX, index[0]));
        }
    }

    /** (name, definition) rows of a catalog query on the live table. */
    private List<String[]> pairs(String catalogQuery) {
        return jdbc.query(catalogQuery, (rs, row) -> new String[] {rs.getString(1), rs.getString(2)}, live());
    }

    /**
     * Drops the live table and gives the copy its name and its indexes their names. Waits at most ten seconds for
     * readers of the live table to finish; past that the caller's transaction fails and the old rows stay.
     */
    public void swap() {
        jdbc.execute("SET LOCAL lock_timeout = '10s'");
        jdbc.execute("DROP TABLE " + live());
        jdbc.execute("ALTER TABLE %s RENAME TO %s".formatted(name(), table));
        renames.forEach(jdbc::execute);
    }
}
