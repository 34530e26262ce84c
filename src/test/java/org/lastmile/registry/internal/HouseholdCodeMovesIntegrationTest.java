package org.lastmile.registry.internal;

import org.junit.jupiter.api.Test;
import org.lastmile.region.RegionCodeMoveParticipant;
import org.lastmile.support.LastmileIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@LastmileIntegrationTest
class HouseholdCodeMovesIntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    List<RegionCodeMoveParticipant> participants;

    @Test
    void aRecodedVillagesHouseholdsMoveWithTheirTags() {
        // Two villages of a county the demo does not fill, so that the move touches this test's household alone.
        List<Long> villages = jdbc.sql("select code from region_division where level = 5 and abolished_edition is null"
                + " and code between 330127000000 and 330127999999 order by code limit 2").query(Long.class).list();
        long from = villages.get(0);
        long to = villages.get(1);
        long household = jdbc.sql("insert into registry_household (village_code, address) values (?, '溪边 3 号') returning id").param(from)
                .query(Long.class).single();
        jdbc.sql("insert into registry_household_tag (household_id, tag, since, source) values (?, 'DIBAO', date '2024-03-01', '民政低保名单')")
                .param(household).update();
        long before = jdbc.sql("select count(*) from registry_household where village_code = ?").param(from).query(Long.class).single();

        RegionCodeMoveParticipant households = participants.stream().filter(p -> p.owner().equals("registry.households")).findFirst().orElseThrow();
        assertThat(households.moveRecords(from, to)).isEqualTo(before);

        assertThat(jdbc.sql("select village_code from registry_household where id = ?").param(household).query(Long.class).single()).isEqualTo(to);
        assertThat(jdbc.sql("select village_code from registry_household_tag where household_id = ?").param(household).query(Long.class).single())
                .as("the tag follows its household").isEqualTo(to);
        assertThat(jdbc.sql("select count(*) from registry_household where village_code = ?").param(from).query(Long.class).single()).isZero();
    }
}
