package org.lastmile.access;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaskingTest {

    @Test
    void masksAnIdNumberKeepingTheAddressCodeAndTheLastFour() {
        assertThat(Masking.idNumber("11010519491231002X")).isEqualTo("110105********002X");
    }

    @Test
    void masksACertificateNumberLikeItsIdKeepingCategoryAndGrade() {
        assertThat(Masking.certificateNumber("11010519491231002X42")).isEqualTo("110105********002X42");
        assertThat(Masking.certificateNumber("11010519491231002X42B1")).isEqualTo("110105********002X42B1");
    }

    @Test
    void masksAMobileNumberKeepingThreeAndFour() {
        assertThat(Masking.phone("13812341234")).isEqualTo("138****1234");
        assertThat(Masking.phone("0571-8888")).isEqualTo("*****8888");
        assertThat(Masking.phone("123")).isEqualTo("***");
        assertThat(Masking.phone(null)).isNull();
    }
}
