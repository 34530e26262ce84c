package org.lastmile.registry.internal;

import org.lastmile.platform.DemoSettings;
import org.lastmile.platform.DemoStep;
import org.lastmile.platform.TableStatistics;
import org.lastmile.region.RegionCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A household for each demo person (the person at its head), and situation tags in about the shares a
 * rural county sees: 低保 about 8 %, registered-poor 3 %, monitored 3 %, edge 4 % ... Which household gets
 * which tag follows from a hash of its id and the tag, so the demo is the same on every machine.
 */
@Component
class HouseholdDemoStep implements DemoStep {

    private static final String[][] TAGS = {
            {"DIBAO", "80", "民政低保名单"}, {"REGISTERED_POOR", "30", "扶贫建档立卡"}, {"MONITORED", "30", "防返贫监测名单"},
            {"EDGE_HOUSEHOLD", "40", "民政低保边缘名单"}, {"TEKUN", "20", "民政特困名单"}, {"SICK_DISABLED", "30", "入户走访"},
            {"ORPHAN_DISABLED", "5", "入户走访"}, {"INFECTED_OR_QUARANTINED", "15", "卫健部门名单"}, {"BEREAVED", "15", "入户走访"},
            {"EMPLOYMENT_DIFFICULTY", "40", "入户走访"}, {"MEDICAL_DIFFICULTY", "35", "入户走访"}, {"SCHOOLING_DIFFICULTY", "10", "入户走访"}};

    private final JdbcClient jdbc;

    HouseholdDemoStep(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean dataset() {
        return true;
    }

    @Override
    public String id() {
        return "0310-registry-households";
    }

    @Override
    public void apply(DemoSettings settings) {
        RegionCode county = RegionCode.of(settings.countyCode());
        jdbc.sql("""
                create temporary table demo_household on commit drop as
                select p.id as person_id, p.village_code, p.address, p.name, nextval('registry_household_id_seq') as household_id
                  from registry_person p
                 where p.village_code between ? and ?
                   and not exists (select 1 from registry_household_member m where m.person_id = p.id)
                 order by p.id""").params(county.subtreeFirst(), county.subtreeLast()).update();
        jdbc.sql("""
                insert into registry_household (id, village_code, address, living_alone)
                select household_id, village_code, address, abs(hashtext(household_id || 'ALONE')) % 100 < 8 from demo_household""").update();
        jdbc.sql("""
                insert into registry_household_member (household_id, person_id, name, relation)
                select household_id, person_id, name, 'HEAD' from demo_household""").update();
        for (String[] tag : TAGS) {
            jdbc.sql("""
                    insert into registry_household_tag (household_id, tag, since, source, set_by)
                    select household_id, ?, date '2019-01-01' + abs(hashtext(household_id || ? || 'SINCE')) % 1800, ?, 'demo'
                      from demo_household where abs(hashtext(household_id || ?)) % 1000 < ?""")
                    .params(tag[0], tag[0], tag[2], tag[0], Integer.parseInt(tag[1])).update();
        }
        TableStatistics.refreshIfSmall(jdbc, "registry_household", "registry_household_member", "registry_household_tag");
    }
}
