package org.lastmile.region.internal;

import org.lastmile.region.RegionCodeMoveParticipant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The region module's own records under a code: when villages merge, the old association's
 * committee members join the new one, and its founding date carries over when the new one has none.
 */
@Component
class AssociationCodeMoves implements RegionCodeMoveParticipant {

    private final JdbcClient jdbc;

    AssociationCodeMoves(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String owner() {
        return "region.associations";
    }

    @Override
    public long moveRecords(long oldCode, long newCode) {
        jdbc.sql("""
                update region_village_association n
                   set established_on = o.established_on, updated_at = now()
                  from region_village_association o
                 where o.division_code = :old and n.division_code = :new
                   and n.established_on is null and o.established_on is not null""")
                .param("old", oldCode).param("new", newCode).update();
        jdbc.sql("""
                update region_federation_unit n
                   set reform_completed_on = o.reform_completed_on, updated_at = now()
                  from region_federation_unit o
                 where o.division_code = :old and n.division_code = :new
                   and n.reform_completed_on is null and o.reform_completed_on is not null""")
                .param("old", oldCode).param("new", newCode).update();
        return jdbc.sql("update region_committee_member set association_code = :new where association_code = :old")
                .param("old", oldCode).param("new", newCode).update();
    }
}
