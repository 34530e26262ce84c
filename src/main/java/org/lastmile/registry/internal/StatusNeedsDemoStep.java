package org.lastmile.registry.internal;

import org.lastmile.platform.DemoSettings;
import org.lastmile.platform.DemoStep;
import org.lastmile.platform.TableStatistics;
import org.lastmile.region.RegionCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * This year's status-and-needs answers for about two thirds of the demo county (a fifth of those only
 * begun), in plausible shares and following the form's skip rules, so that the completion lists and
 * the precise-identification flags have something to show; and a few household members with a
 * disability but no certificate. Written set-wise; which person answers what follows from a hash.
 */
@Component
class StatusNeedsDemoStep implements DemoStep {

    /** Item to the SQL of its value for a demo person {@code d} ({@code h}: 0..99 for this item), and the condition to ask it. */
    private static final Map<String, String[]> ITEMS = new LinkedHashMap<>();

    static {
        ITEMS.put("B01", new String[] {"to_jsonb(coalesce(d.registration_type, 'AGRICULTURAL'))", "true"});
        ITEMS.put("B02", new String[] {"to_jsonb(coalesce(d.marital_status, 'MARRIED'))", "d.age >= 16"});
        ITEMS.put("E01", new String[] {"to_jsonb(6000 + abs(hashtext(d.person_id || 'INCOME')) % 30000)", "true"});
        ITEMS.put("E02", new String[] {"to_jsonb(case when h < 95 then 'SAFE' else 'DILAPIDATED' end)", "true"});
        ITEMS.put("D01", new String[] {"to_jsonb(case when h < 85 then 'IN_SCHOOL' when h < 95 then 'HOME_TEACHING' else 'NOT_IN_SCHOOL' end)",
                "d.full and d.age between 3 and 17"});
        ITEMS.put("J01", new String[] {"to_jsonb(case when h < 30 then 'FARMING' when h < 45 then 'FLEXIBLE' when h < 50 then 'AUXILIARY'"
                + " when h < 55 then 'PUBLIC_WELFARE' else 'NOT_EMPLOYED' end)", "d.full and d.age between 16 and 59"});
        ITEMS.put("J04", new String[] {"case when h < 80 then '[\"NONE\"]'::jsonb else '[\"TRAINING\"]'::jsonb end", "d.full and d.age between 16 and 59"});
        ITEMS.put("J05", new String[] {"case when h < 75 then '[\"NONE\"]'::jsonb when h < 90 then '[\"TRAINING\"]'::jsonb else '[\"PLACEMENT\"]'::jsonb end",
                "d.full and d.age between 16 and 59"});
        ITEMS.put("S03", new String[] {"coalesce(nullif((case when d.grade <= 2 and h < 85 then '[\"NURSING_SUBSIDY\"]'::jsonb else '[]'::jsonb end)"
                + " || (case when d.dibao and abs(hashtext(d.person_id || 'LIVING')) % 100 < 85 then '[\"LIVING_ALLOWANCE\"]'::jsonb else '[]'::jsonb end),"
                + " '[]'::jsonb), '[\"NONE\"]'::jsonb)", "d.full"});
        ITEMS.put("S04", new String[] {"to_jsonb(case when h < 80 then 'RESIDENT' when h < 95 then 'URBAN_WORKER' else 'NONE' end)", "d.full and d.age >= 16"});
        ITEMS.put("S05", new String[] {"to_jsonb(case when h < 85 then 'RESIDENT' when h < 99 then 'URBAN_WORKER' else 'NONE' end)", "d.full"});
        ITEMS.put("S06", new String[] {"to_jsonb(case when h < 90 then 'NONE' when h < 97 then 'DAY' else 'HOME' end)", "d.full and d.carer_age"});
        ITEMS.put("S07", new String[] {"to_jsonb(case when h < 85 then 'NONE' when h < 95 then 'DAY' else 'RESIDENTIAL' end)", "d.full and d.carer_age"});
        ITEMS.put("H01", new String[] {"to_jsonb(case when h < 15 then 'YES' else 'NO' end)", "d.full"});
        ITEMS.put("H03", new String[] {"case when h < 70 then '[\"NONE\"]'::jsonb when h < 85 then '[\"THERAPY\"]'::jsonb else '[\"DEVICE\"]'::jsonb end", "d.full"});
        ITEMS.put("H04", new String[] {"case when h < 70 then '[\"NONE\"]'::jsonb when h < 85 then '[\"DEVICE\"]'::jsonb when h < 95 then '[\"THERAPY\"]'::jsonb"
                + " else '[\"THERAPY\", \"DEVICE\"]'::jsonb end", "d.full"});
        ITEMS.put("A01", new String[] {"to_jsonb(case when h < 90 then 'NO' else 'YES' end)", "d.full"});
        ITEMS.put("C01", new String[] {"to_jsonb(case when h < 30 then 'YES' else 'NO' end)", "d.full"});
    }

    /** Items asked only after an earlier answer: item, the earlier item and answer, the value. */
    private static final String[][] FOLLOW_UPS = {
            {"D02", "D01", "NOT_IN_SCHOOL", "to_jsonb('SEVERITY'::text)"},
            {"J02", "J01", "NOT_EMPLOYED", "to_jsonb(case when h < 80 then 'FAMILY' else 'ASSISTANCE' end)"},
            {"J03", "J01", "NOT_EMPLOYED", "to_jsonb(case when h < 70 then 'NO_ABILITY' when h < 90 then 'NO_JOB' else 'CARING' end)"},
            {"H02", "H01", "YES", "to_jsonb(case when h < 70 then 'TREATED' when h < 80 then 'MONEY' else 'DISTANCE' end)"},
            {"A02", "A01", "NO", "to_jsonb(case when h < 7 then 'YES' else 'NO' end)"},
            {"C02", "C01", "YES", "to_jsonb(d.answered_on::text)"},
    };

    private final JdbcClient jdbc;
    private final StatusNeedsService records;

    /** An item's value for a demo person {@code d}, its {@code h} that person's 0..99 for this item. */
    private static String hashed(String item, String value) {
        return "(" + value.replaceAll("\\bh\\b", "(abs(hashtext(d.person_id || '" + item + "')) % 100)") + ")";
    }

    StatusNeedsDemoStep(JdbcClient jdbc, StatusNeedsService records) {
        this.jdbc = jdbc;
        this.records = records;
    }

    @Override
    public boolean dataset() {
        return true;
    }

    @Override
    public String id() {
        return "0330-registry-status-needs";
    }

    @Override
    public void apply(DemoSettings settings) {
        RegionCode county = RegionCode.of(settings.countyCode());
        LocalDate today = LocalDate.now();
        int year = today.getYear();
        jdbc.sql("""
                create temporary table demo_sn on commit drop as
                select p.id as person_id, p.registration_type, p.marital_status, p.disability_grade as grade,
                       date_part('year', age(current_date, p.birth_date))::int as age,
                       abs(hashtext(p.id || 'COMPLETE')) % 100 >= 20 as full,
                       date_part('year', age(current_date, p.birth_date)) between 16 and 59 and p.categories && array[4, 5, 6, 7]::smallint[] as carer_age,
                       exists (select 1 from registry_household_member m join registry_household_tag t on t.household_id = m.household_id
                                where m.person_id = p.id and t.tag = 'DIBAO') as dibao,
                       make_date(:year, 1, 1) + abs(hashtext(p.id || 'ON')) % greatest(1, (:today - make_date(:year, 1, 1))) as answered_on
                  from registry_person p
                 where p.village_code between :first and :last and p.life_status = 'ACTIVE' and abs(hashtext(p.id || 'STARTED')) % 100 < 65""")
                .param("year", year).param("today", today).param("first", county.subtreeFirst()).param("last", county.subtreeLast()).update();
        // Each person's survey is one save: the items it asks, then the follow-ups their answers open; its answers are the latest.
        StringBuilder items = new StringBuilder();
        ITEMS.forEach((item, sql) -> items.append(items.isEmpty() ? "" : ", ").append("'").append(item).append("', case when ").append(sql[1])
                .append(" then ").append(hashed(item, sql[0])).append(" end"));
        StringBuilder followUps = new StringBuilder();
        for (String[] followUp : FOLLOW_UPS) {
            followUps.append(followUps.isEmpty() ? "" : ", ").append("'").append(followUp[0]).append("', case when d.answers -> '").append(followUp[1])
                    .append("' = to_jsonb('").append(followUp[2]).append("'::text) then ").append(hashed(followUp[0], followUp[3])).append(" end");
        }
        // Materialized: the follow-ups read the first answers six times, and an inlined subquery would build them each time.
        jdbc.sql("with asked as materialized (select d.*, jsonb_strip_nulls(jsonb_build_object(" + items + ")) as answers from demo_sn d),"
                        + " surveys as (select d.person_id, d.answered_on, d.answers || jsonb_strip_nulls(jsonb_build_object(" + followUps + "))"
                        + " as answers from asked d),"
                        + " saved as (insert into registry_status_save (person_id, year, answers, source, answered_on, answered_by)"
                        + " select person_id, :year, answers, 'SURVEY', answered_on, 'demo' from surveys returning person_id, answers)"
                        + " insert into registry_status_current as c (person_id, answers) select person_id, answers from saved"
                        + " on conflict (person_id) do update set answers = excluded.answers || c.answers")
                .param("year", year).update();
        // The certificate drive: about one household in a hundred has a member with a disability and no certificate.
        jdbc.sql("""
                insert into registry_household_member (household_id, name, relation, disabled_uncertified)
                select h.id, substr(m.name, 1, 1) || '小' || substr('明华军芳丽强', 1 + abs(hashtext(h.id || 'N')) % 6, 1),
                       'CHILD', true
                  from registry_household h join registry_household_member m on m.household_id = h.id and m.relation = 'HEAD'
                 where h.village_code between ? and ? and abs(hashtext(h.id || 'UNCERTIFIED')) % 100 < 1""")
                .params(county.subtreeFirst(), county.subtreeLast()).update();
        TableStatistics.refreshIfSmall(jdbc, "registry_status_save", "registry_status_current");
        records.summarise(county, year);
    }
}
