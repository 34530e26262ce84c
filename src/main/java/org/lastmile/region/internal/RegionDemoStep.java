package org.lastmile.region.internal;

import org.lastmile.platform.ChineseNames;
import org.lastmile.platform.DemoSettings;
import org.lastmile.platform.DemoStep;
import org.lastmile.region.RegionCode;
import org.lastmile.region.VillageAssociation.MemberKind;
import org.lastmile.region.VillageAssociation.Position;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The demo county's organisations: the county reformed in 2020, most townships since, and in most
 * villages an association with a chair, a full-time committee member (专职委员) and a few members,
 * each village drawn from its own seeded random source so that the result does not depend on order.
 */
@Component
class RegionDemoStep implements DemoStep {

    private static final MemberKind[] MEMBER_KINDS = MemberKind.values();
    private final JdbcClient jdbc;

    RegionDemoStep(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean dataset() {
        return true;
    }

    @Override
    public String id() {
        return "0100-region-associations";
    }

    @Override
    public void apply(DemoSettings settings) {
        RegionCode county = RegionCode.of(settings.countyCode());
        jdbc.sql("update region_federation_unit set reform_completed_on = date '2020-11-30' where division_code = ?")
                .param(county.value()).update();
        List<Long> townships = jdbc.sql("select code from region_division where level = 4 and code between ? and ? order by code")
                .params(county.subtreeFirst(), county.subtreeLast()).query(Long.class).list();
        for (long township : townships) {
            SplittableRandom random = new SplittableRandom(settings.seed() ^ township);
            if (random.nextInt(10) < 8) {
                jdbc.sql("update region_federation_unit set reform_completed_on = ? where division_code = ?")
                        .params(LocalDate.of(2021, 1, 1).plusDays(random.nextInt(540)), township).update();
            }
        }
        List<Long> villages = jdbc.sql("select code from region_division where level = 5 and abolished_edition is null "
                        + "and code between ? and ? order by code")
                .params(county.subtreeFirst(), county.subtreeLast()).query(Long.class).list();
        for (long village : villages) {
            SplittableRandom random = new SplittableRandom(settings.seed() * 31 + village);
            if (random.nextInt(100) < 8) {
                continue; // not every association exists yet: the speech gives two years for full coverage
            }
            LocalDate established = LocalDate.of(2019, 6, 1).plusDays(random.nextInt(900));
            jdbc.sql("update region_village_association set established_on = ?, updated_at = now() where division_code = ?")
                    .params(established, village).update();
            addMember(village, random, Position.CHAIR, random.nextBoolean() ? MemberKind.VILLAGE_CADRE : MemberKind.DISABLED_PERSON, established);
            addMember(village, random, Position.FULL_TIME_MEMBER,
                    random.nextInt(3) == 0 ? MemberKind.RELATIVE : MemberKind.DISABLED_PERSON, established);
            int others = 1 + random.nextInt(4);
            for (int i = 0; i < others; i++) {
                addMember(village, random, Position.MEMBER, MEMBER_KINDS[random.nextInt(MEMBER_KINDS.length)], established);
            }
        }
    }

    private void addMember(long village, SplittableRandom random, Position position, MemberKind kind, LocalDate established) {
        LocalDate since = established.plusDays(random.nextInt(60));
        LocalDate trained = random.nextInt(10) < 7 ? since.plusDays(30 + random.nextInt(300)) : null;
        jdbc.sql("""
                insert into region_committee_member (association_code, name, position, member_kind, since, trained_on)
                values (?, ?, ?, ?, ?, ?)""")
                .params(village, ChineseNames.fullName(random), position.name(), kind.name(), since, trained)
                .update();
    }
}
