package org.lastmile.registry.internal;

import org.lastmile.platform.StartupTask;
import org.lastmile.registry.PersonNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Fills the name search keys of persons that have none (after the migration that widened them from
 * initials to full pinyin), walking the table by id in batches so that a national table is never
 * held in one transaction. A name always has at least one key, so an empty array means "not yet".
 */
@Component
class NameKeyBackfill implements StartupTask {

    private static final Logger log = LoggerFactory.getLogger(NameKeyBackfill.class);
    private static final int BATCH = 2_000;

    private final JdbcClient jdbc;

    NameKeyBackfill(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public int order() {
        return 500;
    }

    @Override
    public void run() {
        long last = 0;
        long filled = 0;
        while (true) {
            List<Object[]> rows = jdbc.sql("select id, name from registry_person where id > :last and name_keys = '{}' order by id limit :batch")
                    .param("last", last).param("batch", BATCH)
                    .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)}).list();
            if (rows.isEmpty()) {
                break;
            }
            for (Object[] row : rows) {
                jdbc.sql("update registry_person set name_keys = :keys where id = :id")
                        .param("keys", PersonNames.searchKeys((String) row[1]).toArray(String[]::new)).param("id", row[0]).update();
            }
            last = (Long) rows.get(rows.size() - 1)[0];
            filled += rows.size();
        }
        if (filled > 0) {
            log.info("Name search keys filled for {} persons", filled);
        }
    }
}
