package org.lastmile.region;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.Optional;

/** Reading the organisations of a place: its federation unit or its village association. */
@Service
@Transactional(readOnly = true)
public class Organisations {

    private final JdbcClient jdbc;

    Organisations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<FederationUnit> federationUnit(RegionCode code) {
        return jdbc.sql("select division_code, reform_completed_on from region_federation_unit where division_code = ?")
                .param(code.value())
                .query((rs, n) -> new FederationUnit(rs.getLong(1), rs.getObject(2, LocalDate.class)))
                .optional();
    }

    public Optional<VillageAssociation> association(RegionCode villageCode) {
        return jdbc.sql("select established_on from region_village_association where division_code = ?")
                .param(villageCode.value())
                .query((rs, n) -> Optional.ofNullable(rs.getObject(1, LocalDate.class)))
                .optional()
                .map(established -> new VillageAssociation(villageCode.value(), established.orElse(null),
                        jdbc.sql("""
                                select id, name, position, member_kind, since, trained_on
                                  from region_committee_member where association_code = ?
                                 order by case position when 'CHAIR' then 0 when 'VICE_CHAIR' then 1
                                          when 'FULL_TIME_MEMBER' then 2 else 3 end, id""")
                                .param(villageCode.value())
                                .query((rs, n) -> new VillageAssociation.CommitteeMember(rs.getLong(1), rs.getString(2),
                                        VillageAssociation.Position.valueOf(rs.getString(3)),
                                        VillageAssociation.MemberKind.valueOf(rs.getString(4)),
                                        rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class)))
                                .list()));
    }
}
