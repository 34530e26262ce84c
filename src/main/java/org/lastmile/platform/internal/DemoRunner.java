package org.lastmile.platform.internal;

import org.lastmile.platform.DemoSettings;
import org.lastmile.platform.DemoStep;
import org.lastmile.platform.StartupTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Comparator;
import java.util.List;

/**
 * Applies the demo steps not yet applied to this database, each in its own transaction together
 * with the row that records it, so that an interrupted start resumes where it stopped.
 * On by default on the embedded database; on an external one only when {@code LASTMILE_DEMO=true}.
 */
@Component
class DemoRunner implements StartupTask {

    private static final Logger log = LoggerFactory.getLogger(DemoRunner.class);

    private final ObjectProvider<DemoStep> steps;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final boolean enabled;
    private final DemoSettings settings;

    DemoRunner(ObjectProvider<DemoStep> steps, JdbcClient jdbc, TransactionTemplate tx, DatabaseProperties database,
               @Value("${lastmile.demo:}") String demo,
               @Value("${lastmile.demo-county:330122}") long county,
               @Value("${lastmile.demo-seed:2020}") long seed) {
        this.steps = steps;
        this.jdbc = jdbc;
        this.tx = tx;
        this.enabled = isEnabled(demo, database.embedded());
        this.settings = new DemoSettings(county * 1_000_000L, seed);
    }

    /** Unset: only on the embedded database; an external one gets the demo only when asked for. */
    static boolean isEnabled(String setting, boolean embeddedDatabase) {
        return setting == null || setting.isBlank() ? embeddedDatabase : Boolean.parseBoolean(setting.trim());
    }

    @Override
    public int order() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void run() {
        if (!enabled) {
            return;
        }
        List<String> applied = jdbc.sql("select id from platform_demo_step").query(String.class).list();
        steps.stream().sorted(Comparator.comparing(DemoStep::id))
                .filter(step -> !applied.contains(step.id()))
                .forEach(step -> tx.executeWithoutResult(status -> {
                    long started = System.nanoTime();
                    step.apply(settings);
                    jdbc.sql("insert into platform_demo_step (id, county_code, seed) values (?, ?, ?)")
                            .params(step.id(), settings.countyCode(), settings.seed()).update();
                    log.info("Demo step {} applied in {} ms", step.id(), (System.nanoTime() - started) / 1_000_000);
                }));
    }
}
