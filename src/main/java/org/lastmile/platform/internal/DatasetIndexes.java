package org.lastmile.platform.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * The search indexes a dataset's load may go without: dropped before a big load, their definitions kept in
 * {@code platform_dataset_index}, and built again after it. Building an index over a table once is far cheaper
 * than keeping it up row by row (over 4.7 million persons: 81 s to build the ten of them, 150 µs a person to
 * keep them). Whatever a run left dropped (it was interrupted) is built again by the next run or the next start.
 */
@Component
class DatasetIndexes implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetIndexes.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    DatasetIndexes(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /**
     * Whether a load is big enough to drop the indexes: building them again covers the rows already there too, so
     * the load must be at least a quarter of those, and big enough for the difference to matter.
     */
    static boolean worthDropping(long toMake, long made) {
        return toMake >= 100_000 && toMake * 4 >= made;
    }

    /** Drops the named indexes that exist, each recorded first with its definition; returns how many. */
    int drop(List<String> names) {
        int dropped = 0;
        for (String name : names) {
            var definition = jdbc.sql("select indexdef from pg_indexes where schemaname = current_schema() and indexname = ?").param(name)
                    .query(String.class).optional();
            if (definition.isPresent()) {
                tx.executeWithoutResult(status -> {
                    jdbc.sql("insert into platform_dataset_index (name, definition) values (?, ?) on conflict (name) do nothing")
                            .params(name, definition.get()).update();
                    jdbc.sql("drop index " + quoted(name)).update();
                });
                dropped++;
            }
        }
        return dropped;
    }

    /** Builds every index a load dropped, each in its own transaction; returns how many. */
    int restore() {
        List<String[]> dropped = jdbc.sql("select name, definition from platform_dataset_index order by dropped_at, name")
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        for (String[] index : dropped) {
            long started = System.nanoTime();
            tx.executeWithoutResult(status -> {
                boolean exists = jdbc.sql("select exists (select 1 from pg_indexes where schemaname = current_schema() and indexname = ?)")
                        .param(index[0]).query(Boolean.class).single();
                if (!exists) {
                    // Sorted in memory rather than in many small runs on disk: the load's own connection, for this index alone.
                    jdbc.sql("set local maintenance_work_mem = '512MB'").update();
                    jdbc.sql(index[1]).update();
                }
                jdbc.sql("delete from platform_dataset_index where name = ?").param(index[0]).update();
            });
            LOG.info("Built index {} again in {} s", index[0], (System.nanoTime() - started) / 1_000_000_000);
        }
        return dropped.size();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (jdbc.sql("select exists (select 1 from platform_dataset_index)").query(Boolean.class).single()) {
            LOG.warn("A dataset load was interrupted with its search indexes dropped: building them again");
            restore();
        }
    }

    private static String quoted(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not an index name: " + name);
        }
        return "\"" + name + "\"";
    }
}
