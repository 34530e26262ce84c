package org.lastmile.platform;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fresh planner statistics after a bulk insert, where they pay. A table still under {@link #SMALL} rows is analyzed at
 * once: its old statistics may say it is empty, and analyzing it is cheap. A larger one is left to autovacuum, which
 * analyzes a table again after each tenth of growth: on a generated province, analyzing every big table after every
 * county cost about 4 seconds a table, more than the county's own inserts.
 */
public final class TableStatistics {

    /** Below this many rows (the planner's own estimate) a table is analyzed after a bulk insert. */
    public static final long SMALL = 1_000_000;

    private TableStatistics() {
    }

    public static void refreshIfSmall(JdbcClient jdbc, String... tables) {
        for (String table : tables) {
            if (!table.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("Not a table name: " + table);
            }
            // reltuples is -1 for a table never analyzed or vacuumed.
            double estimate = jdbc.sql("select reltuples from pg_class where oid = cast(? as regclass)").param(table).query(Double.class).single();
            if (estimate < SMALL) {
                jdbc.sql("analyze " + table).update();
            }
        }
    }
}
