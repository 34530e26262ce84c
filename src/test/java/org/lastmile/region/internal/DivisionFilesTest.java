package org.lastmile.region.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lastmile.region.RegionKind;
import org.lastmile.region.RegionLevel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DivisionFilesTest {

    @TempDir
    Path dir;

    private Map<Long, DivisionRow> read(EditionFixture fixture) {
        List<DivisionRow> rows = new ArrayList<>();
        DivisionFiles.directory(fixture.writeTo(dir)).read(rows::add);
        assertThat(rows).extracting(DivisionRow::code).doesNotHaveDuplicates();
        return rows.stream().collect(Collectors.toMap(DivisionRow::code, Function.identity()));
    }

    @Test
    void derivesLevelAndParentByPrefix() {
        Map<Long, DivisionRow> rows = read(new EditionFixture());
        DivisionRow village = rows.get(330122100201L);
        assertThat(village.level()).isEqualTo(RegionLevel.VILLAGE);
        assertThat(village.parentCode()).isEqualTo(330122100000L);
        assertThat(rows.get(330122100000L).parentCode()).isEqualTo(330122000000L);
        assertThat(rows.get(330122000000L).parentCode()).isEqualTo(330100000000L);
        assertThat(rows.get(330100000000L).parentCode()).isEqualTo(330000000000L);
        assertThat(rows.get(330000000000L).parentCode()).isNull();
    }

    @Test
    void placeholderPrefectureIsKeptButSkippedAsParent() {
        Map<Long, DivisionRow> rows = read(new EditionFixture());
        assertThat(rows.get(110100000000L).kind()).isEqualTo(RegionKind.PLACEHOLDER);
        assertThat(rows.get(110101000000L).parentCode()).isEqualTo(110000000000L);
    }

    @Test
    void marksDevelopmentZones() {
        Map<Long, DivisionRow> rows = read(new EditionFixture());
        assertThat(rows.get(330171000000L).kind()).isEqualTo(RegionKind.DEVELOPMENT_ZONE);
        assertThat(rows.get(330122000000L).kind()).isEqualTo(RegionKind.REGULAR);
    }

    @Test
    void foldsThePseudoCountyOfACityWithoutCountiesIntoTheCity() {
        Map<Long, DivisionRow> rows = read(new EditionFixture());
        DivisionRow dongguan = rows.get(441900000000L);
        assertThat(dongguan.level()).isEqualTo(RegionLevel.PREFECTURE);
        assertThat(dongguan.kind()).isEqualTo(RegionKind.CITY_WITHOUT_COUNTIES);
        assertThat(rows.get(441900003000L).parentCode()).isEqualTo(441900000000L);
    }

    @Test
    void foldsZeroDigitSubdivisionsIntoTheirCounty() {
        Map<Long, DivisionRow> rows = read(new EditionFixture());
        DivisionRow kinmen = rows.get(350527000000L);
        assertThat(kinmen.level()).isEqualTo(RegionLevel.COUNTY);
        assertThat(kinmen.name()).isEqualTo("金门县");
    }

    @Test
    void readsQuotedNamesWithCommasAndQuotes() {
        Map<Long, DivisionRow> rows = read(new EditionFixture());
        assertThat(rows.get(330122100202L).name()).isEqualTo("\"阳山畈\",老村");
    }

    @Test
    void rejectsAMalformedCodeNamingTheFileAndLine() {
        EditionFixture fixture = new EditionFixture();
        fixture.villages.add("33012210020X,\"坏村\",330122100,33,3301,330122");
        DivisionFiles files = DivisionFiles.directory(fixture.writeTo(dir));
        assertThatThrownBy(() -> files.read(row -> { }))
                .hasMessageContaining("villages.csv line 10");
    }

    @Test
    void rejectsAFolderThatLacksAFile() throws Exception {
        new EditionFixture().writeTo(dir);
        Files.delete(dir.resolve("streets.csv"));
        assertThatThrownBy(() -> DivisionFiles.directory(dir)).hasMessageContaining("streets.csv");
    }

    @Test
    void readsTheShippedEditionWithEveryVillage() {
        long[] villages = {0};
        long[] total = {0};
        DivisionFiles.shipped().read(row -> {
            total[0]++;
            if (row.level() == RegionLevel.VILLAGE) {
                villages[0]++;
            }
        });
        // 620,573 village rows, less 金门县's zero-digit placeholder which is the county itself.
        assertThat(villages[0]).isEqualTo(620_572);
        assertThat(total[0]).isEqualTo(665_271);
    }
}
