package org.lastmile.reporting.internal;

import org.junit.jupiter.api.Test;
import org.lastmile.access.Scope;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VillageFilterTest {

    @Test
    void neighbouringVillagesMergedIntoARangeAreStillLookedUpOneByOne() {
        List<RollupRefresher.VillageFilter> filters = RollupRefresher.VillageFilter.of(
                List.of(new Scope.Range(330122002200L, 330122002201L), new Scope.Range(330122101206L, 330122101206L)), "k.village_code");
        assertThat(filters).singleElement().satisfies(f -> {
            assertThat(f.sql()).isEqualTo("k.village_code = any(:villages)");
            assertThat((Long[]) f.params().get("villages")).containsExactly(330122002200L, 330122002201L, 330122101206L);
        });
    }

    @Test
    void aFewWidePlacesAreNamedAsRangesAnIndexCanRead() {
        List<RollupRefresher.VillageFilter> filters = RollupRefresher.VillageFilter.of(
                List.of(new Scope.Range(330100000000L, 330199999999L), new Scope.Range(330122002200L, 330122002200L)), "t.village_code");
        assertThat(filters).extracting(RollupRefresher.VillageFilter::sql)
                .containsExactly("t.village_code = any(:villages)", "(t.village_code between 330100000000 and 330199999999)");
        assertThat(filters.get(1).params()).isEmpty();
    }

    @Test
    void manyWidePlacesBecomeOneSemiJoin() {
        List<Scope.Range> counties = new ArrayList<>();
        for (long county = 330101; county <= 330120; county++) {
            counties.add(new Scope.Range(county * 1_000_000, county * 1_000_000 + 999_999));
        }
        assertThat(RollupRefresher.VillageFilter.of(counties, "k.village_code")).singleElement()
                .satisfies(f -> assertThat(f.sql()).startsWith("exists (select 1 from unnest(:firsts, :lasts)"));
    }
}
