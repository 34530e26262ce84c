package org.lastmile.registry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PersonNamesTest {

    @Test
    void keysAreTheWholeInitialsAndFullPinyin() {
        assertThat(PersonNames.searchKeys("张三")).containsExactly("zs", "zhangsan");
    }

    @Test
    void polyphonicSurnameIsFoundUnderEachReading() {
        assertThat(PersonNames.searchKeys("曾华")).containsExactlyInAnyOrder("zh", "ch", "zenghua", "cenghua");
    }

    @Test
    void umlautIsWrittenAsV() {
        assertThat(PersonNames.searchKeys("吕明")).contains("lvming");
        assertThat(PersonNames.searchKey("LÜ ming")).isEqualTo("lvming");
        assertThat(PersonNames.searchKey("lu:ming")).isEqualTo("lvming");
    }

    @Test
    void minorityNameDotIsSkipped() {
        assertThat(PersonNames.searchKeys("阿依·买买提")).contains("aymmt", "ayimaimaiti");
        assertThat(PersonNames.normalise(" 阿依.买买提 ")).isEqualTo("阿依·买买提");
    }

    @Test
    void manyPolyphonicCharactersStayBounded() {
        assertThat(PersonNames.searchKeys("长长长长长长长长").size()).isLessThanOrEqualTo(16 + 8);
        assertThat(PersonNames.initials("长长长长长长长长")).hasSizeLessThanOrEqualTo(16);
    }
}
