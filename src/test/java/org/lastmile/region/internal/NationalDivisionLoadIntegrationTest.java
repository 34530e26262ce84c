package org.lastmile.region.internal;

import org.junit.jupiter.api.Test;
import org.lastmile.support.LastmileIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The one test that proves (and times) the load of the whole national table on first start. */
@LastmileIntegrationTest
class NationalDivisionLoadIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void loadsTheWholeCountryOnFirstStartWellUnderAMinute() {
        Map<String, Object> edition = jdbc.sql("select * from region_edition where id = '2023'").query().singleRow();
        assertThat(((Number) edition.get("duration_ms")).longValue()).isLessThan(60_000);
        assertThat(((Number) edition.get("added")).intValue()).isEqualTo(665_271);

        Map<Integer, Long> byLevel = jdbc.sql("select level, count(*) from region_division where since_edition = '2023' group by level")
                .query((rs, n) -> Map.entry(rs.getInt(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(byLevel).containsEntry(1, 31L)
                .containsEntry(2, 342L)
                .containsEntry(3, 2_975L)        // 2,978 county rows less the pseudo-counties of 东莞, 中山, 儋州
                .containsEntry(4, 41_351L)       // less 金门县's zero-digit township
                .containsEntry(5, 620_572L);     // less 金门县's zero-digit village
    }

    @Test
    void handlesTheTrapsOfTheRealData() {
        assertThat(kind(110100000000L)).isEqualTo("PLACEHOLDER");           // 北京 市辖区
        assertThat(kind(419000000000L)).isEqualTo("PLACEHOLDER");           // 河南 省直辖县级行政区划
        assertThat(kind(441900000000L)).isEqualTo("CITY_WITHOUT_COUNTIES"); // 东莞
        assertThat(kind(130171000000L)).isEqualTo("DEVELOPMENT_ZONE");
        assertThat(jdbc.sql("select count(*) from region_division where kind = 'DEVELOPMENT_ZONE'").query(Long.class).single())
                .isEqualTo(124L);
        assertThat(jdbc.sql("select parent_code from region_division where code = 110101000000").query(Long.class).single())
                .isEqualTo(110000000000L);
        assertThat(jdbc.sql("select parent_code from region_division where code = 441900003000").query(Long.class).single())
                .isEqualTo(441900000000L);
        assertThat(jdbc.sql("select count(*) from region_division where level > 1 and parent_code is null").query(Long.class).single())
                .isZero();
    }

    @Test
    void everyUnitAndVillageHasItsOrganisation() {
        long units = jdbc.sql("select count(*) from region_division where level <= 4 and kind <> 'PLACEHOLDER'").query(Long.class).single();
        assertThat(jdbc.sql("select count(*) from region_federation_unit").query(Long.class).single()).isEqualTo(units);
        assertThat(jdbc.sql("select count(*) from region_village_association").query(Long.class).single()).isEqualTo(620_572L);
    }

    @Test
    void theDatabaseIndexesChineseTextForTrigramSearch() {
        // Under a plain C ctype pg_trgm drops Chinese characters and would find nothing here.
        assertThat(jdbc.sql("select cardinality(show_trgm('桐庐县'))").query(Integer.class).single()).isEqualTo(4);
        assertThat(jdbc.sql("select similarity('桐庐县城南街道', '桐庐县')").query(Double.class).single()).isGreaterThan(0.3);
    }

    private String kind(long code) {
        return jdbc.sql("select kind from region_division where code = ?").param(code).query(String.class).single();
    }
}
