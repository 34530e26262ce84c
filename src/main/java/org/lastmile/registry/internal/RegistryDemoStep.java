package org.lastmile.registry.internal;

import org.lastmile.platform.DemoSettings;
import org.lastmile.platform.DemoStep;
import org.lastmile.platform.TableStatistics;
import org.lastmile.region.RegionCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/** About 20,000 certified persons in the demo county, as a rural county of ~400,000 people has. */
@Component
class RegistryDemoStep implements DemoStep {

    private final PersonGenerator generator;
    private final JdbcClient jdbc;

    RegistryDemoStep(PersonGenerator generator, JdbcClient jdbc) {
        this.generator = generator;
        this.jdbc = jdbc;
    }

    @Override
    public boolean dataset() {
        return true;
    }

    @Override
    public String id() {
        return "0300-registry-persons";
    }

    /** The person search's indexes; the steps find a county's persons by its villages and a person by its id. */
    @Override
    public List<String> searchIndexes() {
        return List.of("registry_person_name_trgm", "registry_person_name_id", "registry_person_categories", "registry_person_id_tail6",
                "registry_person_id_tail4_page", "registry_person_phone", "registry_person_phone_tail_page", "registry_person_name_keys_missing",
                "registry_person_name_key_walk", "registry_person_name_key_by_name");
    }

    @Override
    public void apply(DemoSettings settings) {
        RegionCode county = RegionCode.of(settings.countyCode());
        List<Long> villages = jdbc.sql("select code from region_division where level = 5 and abolished_edition is null "
                        + "and code between ? and ? order by code")
                .params(county.subtreeFirst(), county.subtreeLast()).query(Long.class).list();
        if (villages.isEmpty()) {
            return;
        }
        int perVillage = Math.max(1, settings.persons() / villages.size());
        long created = generator.generate(villages, perVillage, settings.seed(), LocalDate.of(2026, 1, 1));
        jdbc.sql("""
                insert into registry_person_history (person_id, village_code, account, source, change, changes)
                select id, village_code, 'demo', 'DEMO', 'CREATED', '{}'::jsonb from registry_person
                 where village_code between ? and ?""").params(county.subtreeFirst(), county.subtreeLast()).update();
        // Fresh statistics after a bulk load, so that the planner does not take the county for an empty table.
        TableStatistics.refreshIfSmall(jdbc, "registry_person");
        org.slf4j.LoggerFactory.getLogger(RegistryDemoStep.class).info("Demo county: {} certified persons", created);
    }
}
