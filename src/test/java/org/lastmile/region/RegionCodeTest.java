package org.lastmile.region;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegionCodeTest {

    @Test
    void normalisesCodesOfEveryLevelToTwelveDigits() {
        assertThat(RegionCode.parse("33")).contains(RegionCode.of(330000000000L));
        assertThat(RegionCode.parse("3301")).contains(RegionCode.of(330100000000L));
        assertThat(RegionCode.parse("330122")).contains(RegionCode.of(330122000000L));
        assertThat(RegionCode.parse("330122001")).contains(RegionCode.of(330122001000L));
        assertThat(RegionCode.parse(" 330122001201 ")).contains(RegionCode.of(330122001201L));
    }

    @Test
    void rejectsCodesOfOtherLengthsOrWithOtherCharacters() {
        assertThat(RegionCode.parse("3")).isEmpty();
        assertThat(RegionCode.parse("33012")).isEmpty();
        assertThat(RegionCode.parse("3301220012")).isEmpty();
        assertThat(RegionCode.parse("33O122")).isEmpty();
        assertThat(RegionCode.parse("-30122")).isEmpty();
        assertThat(RegionCode.parse("00")).isEmpty();
        assertThat(RegionCode.parse("")).isEmpty();
        assertThat(RegionCode.parse(null)).isEmpty();
    }

    @Test
    void readsTheLevelFromTheDigits() {
        assertThat(RegionCode.of(330000000000L).levelByDigits()).isEqualTo(RegionLevel.PROVINCE);
        assertThat(RegionCode.of(330100000000L).levelByDigits()).isEqualTo(RegionLevel.PREFECTURE);
        assertThat(RegionCode.of(330122000000L).levelByDigits()).isEqualTo(RegionLevel.COUNTY);
        assertThat(RegionCode.of(330122001000L).levelByDigits()).isEqualTo(RegionLevel.TOWNSHIP);
        assertThat(RegionCode.of(330122001201L).levelByDigits()).isEqualTo(RegionLevel.VILLAGE);
    }

    @Test
    void subtreeIsTheContiguousRangeOfItsDescendants() {
        RegionCode county = RegionCode.of(330106000000L);
        assertThat(county.subtreeFirst()).isEqualTo(330106000000L);
        assertThat(county.subtreeLast()).isEqualTo(330106999999L);
        assertThat(county.contains(330106002051L)).isTrue();
        assertThat(county.contains(330107000000L)).isFalse();
        assertThat(county.contains(330105999999L)).isFalse();
        assertThat(RegionCode.of(330106002051L).subtreeLast()).isEqualTo(330106002051L);
        assertThat(RegionCode.of(330000000000L).subtreeLast()).isEqualTo(339999999999L);
    }

    @Test
    void writesTheSubtreeAsARangePredicateOnANamedColumnOnly() {
        assertThat(RegionCode.of(330106000000L).subtreeSql("p.village_code")).isEqualTo("p.village_code between 330106000000 and 330106999999");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RegionCode.of(330106000000L).subtreeSql("code or true"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void prefixAtALevelIsTheAncestorCode() {
        RegionCode village = RegionCode.of(330106002051L);
        assertThat(village.prefixAt(RegionLevel.PROVINCE)).isEqualTo(330000000000L);
        assertThat(village.prefixAt(RegionLevel.PREFECTURE)).isEqualTo(330100000000L);
        assertThat(village.prefixAt(RegionLevel.COUNTY)).isEqualTo(330106000000L);
        assertThat(village.prefixAt(RegionLevel.TOWNSHIP)).isEqualTo(330106002000L);
    }
}
