package org.lastmile.registry.internal;

import org.junit.jupiter.api.Test;
import org.lastmile.access.PersonalData;
import org.lastmile.registry.CertificateNumber;
import org.lastmile.registry.DisabilityCategory;
import org.lastmile.registry.IdNumber;
import org.lastmile.support.LastmileIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo county holds about 20,000 valid, encrypted, searchable persons. */
@LastmileIntegrationTest
class RegistryDemoIntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PersonService persons;
    @Autowired
    PersonalData personalData;
    @Autowired
    StatusNeedsService statusNeeds;
    @Autowired
    FlagService flags;

    @Test
    void fillsTheDemoCountyWithAboutTwentyThousandValidPersons() {
        long count = jdbc.sql("select count(*) from registry_person where village_code between 330122000000 and 330122999999")
                .query(Long.class).single();
        assertThat(count).isBetween(15_000L, 25_000L);
        assertThat(jdbc.sql("select count(distinct village_code) from registry_person where village_code between 330122000000 and 330122999999")
                .query(Long.class).single()).isGreaterThan(200L);
        List<Long> sample = jdbc.sql("select id from registry_person where village_code between 330122000000 and 330122999999 "
                + "order by id limit 200").query(Long.class).list();
        for (long id : sample) {
            PersonRecord p = persons.load(id).orElseThrow();
            IdNumber number = IdNumber.of(p.idNumber());
            assertThat(number.value()).startsWith("330122");
            assertThat(number.birthDate()).isEqualTo(p.birthDate());
            assertThat(number.sex().name()).isEqualTo(p.sex());
            assertThat(CertificateNumber.check(p.certificateNumber(), number, DisabilityCategory.ofDigit(p.category()).orElseThrow(),
                    p.grade())).isEmpty();
            assertThat(persons.findByIdNumber(number)).contains(id);
        }
        assertThat(jdbc.sql("""
                select count(*) from registry_person p where p.village_code between 330122000000 and 330122999999
                   and not exists (select 1 from registry_person_history h where h.person_id = p.id and h.change = 'CREATED')""")
                .query(Long.class).single()).as("every person's history starts with its creation").isZero();
    }

    @Test
    void sharesOfCategoriesLookLikeTheCertifiedPopulation() {
        long physical = jdbc.sql("select count(*) from registry_person where disability_category = 4 and village_code between 330122000000 and 330122999999")
                .query(Long.class).single();
        long all = jdbc.sql("select count(*) from registry_person where village_code between 330122000000 and 330122999999")
                .query(Long.class).single();
        assertThat((double) physical / all).isBetween(0.40, 0.56);
    }

    @Test
    void leavesOneTransferRequestForTheDemoCaseWorkerToDecide() {
        long pending = jdbc.sql("select count(*) from registry_transfer_request where requested_by = 'demo-field' and status = 'PENDING'")
                .query(Long.class).single();
        assertThat(pending).isEqualTo(1);
    }

    @Test
    void answersFollowTheSkipRulesAndLeaveOpenFlagsOfEveryKind() {
        int year = java.time.LocalDate.now().getYear();
        long started = jdbc.sql("select count(*) from registry_status_record where year = ?").param(year).query(Long.class).single();
        assertThat(started).as("about two thirds of the county").isBetween(11_000L, 15_000L);
        long complete = jdbc.sql("select count(*) from registry_status_record where year = ? and answered >= asked").param(year)
                .query(Long.class).single();
        assertThat(complete).as("most of those complete").isBetween(started / 2, started);

        List<Long> sample = jdbc.sql("select person_id from registry_status_record where year = ? order by person_id limit 300").param(year)
                .query(Long.class).list();
        for (long id : sample) {
            StatusNeedsService.Record record = statusNeeds.load(persons.load(id).orElseThrow(), year);
            assertThat(record.items()).as("person " + id).allSatisfy(item -> {
                if (item.value() != null && !"TAG".equals(item.source())) {
                    assertThat(item.asked()).as(item.code()).isTrue();
                }
            });
        }

        org.lastmile.access.CurrentUser county = new org.lastmile.access.CurrentUser(0, "demo-test", "测试",
                List.of(new org.lastmile.access.Grant(org.lastmile.access.Role.CASE_WORKER, 330122000000L, null)));
        var counts = flags.counts(org.lastmile.region.RegionCode.of(330122000000L), "open", county);
        java.util.Map<org.lastmile.registry.FlagRule, Long> total = new java.util.EnumMap<>(org.lastmile.registry.FlagRule.class);
        counts.forEach(c -> c.counts().forEach((rule, n) -> total.merge(rule, n, Long::sum)));
        assertThat(total.keySet()).as(total.toString()).containsExactlyInAnyOrder(org.lastmile.registry.FlagRule.values());
    }
}
