package org.lastmile.region.internal;

import org.junit.jupiter.api.Test;
import org.lastmile.platform.DemoSettings;
import org.lastmile.support.LastmileIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo county's associations are filled once, deterministically, and recorded as applied. */
@LastmileIntegrationTest
class RegionDemoIntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    RegionDemoStep step;

    @Test
    void fillsTheDemoCountyAssociationsWithCommitteeMembers() {
        long villages = count("select count(*) from region_division where level = 5 and code between 330122000000 and 330122999999");
        long established = count("select count(*) from region_village_association where established_on is not null "
                + "and division_code between 330122000000 and 330122999999");
        assertThat(established).isGreaterThan(villages * 8 / 10).isLessThan(villages);
        assertThat(count("""
                select count(*) from region_village_association a
                 where a.established_on is not null and a.division_code between 330122000000 and 330122999999
                   and not exists (select 1 from region_committee_member m where m.association_code = a.division_code
                                   and m.position = 'FULL_TIME_MEMBER')""")).as("every association has its 专职委员").isZero();
        assertThat(count("select count(*) from platform_demo_step where id = '0100-region-associations'")).isEqualTo(1);
        assertThat(count("select count(*) from region_federation_unit where division_code = 330122000000 and reform_completed_on is not null"))
                .isEqualTo(1);
    }

    @Test
    void isDeterministicFromTheSeed() {
        String before = jdbc.sql("select string_agg(name, ',' order by id) from region_committee_member "
                + "where association_code between 330122000000 and 330122999999").query(String.class).single();
        // Applying the step again to the same state gives the same names in the same places.
        jdbc.sql("delete from region_committee_member where association_code between 330122000000 and 330122999999").update();
        step.apply(new DemoSettings(330122000000L, 2020));
        String after = jdbc.sql("select string_agg(name, ',' order by id) from region_committee_member "
                + "where association_code between 330122000000 and 330122999999").query(String.class).single();
        assertThat(after).isEqualTo(before);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
