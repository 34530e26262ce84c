package org.lastmile.registry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lastmile.registry.CertificateNumber.Problem.*;

class CertificateNumberTest {

    private final IdNumber id = IdNumber.of("11010519491231002X");

    @Test
    void acceptsTheIdFollowedByCategoryAndGrade() {
        assertThat(CertificateNumber.check("11010519491231002X42", id, DisabilityCategory.PHYSICAL, 2)).isEmpty();
        assertThat(CertificateNumber.of("11010519491231002x42", id, DisabilityCategory.PHYSICAL, 2).value())
                .isEqualTo("11010519491231002X42");
    }

    @Test
    void keepsAReissueSuffixButChecksTheCore() {
        CertificateNumber reissued = CertificateNumber.of("11010519491231002X42B1", id, DisabilityCategory.PHYSICAL, 2);
        assertThat(reissued.value()).isEqualTo("11010519491231002X42B1");
        assertThat(reissued.core()).isEqualTo("11010519491231002X42");
    }

    @Test
    void rejectsACertificateWhoseGradeDisagrees() {
        assertThat(CertificateNumber.check("11010519491231002X43", id, DisabilityCategory.PHYSICAL, 2)).containsExactly(CERT_GRADE_MISMATCH);
    }

    @Test
    void rejectsACertificateWhoseCategoryDisagrees() {
        assertThat(CertificateNumber.check("11010519491231002X52", id, DisabilityCategory.PHYSICAL, 2)).containsExactly(CERT_CATEGORY_MISMATCH);
    }

    @Test
    void rejectsACertificateOfAnotherPerson() {
        assertThat(CertificateNumber.check("11010519491231003842", id, DisabilityCategory.PHYSICAL, 2)).containsExactly(CERT_ID_MISMATCH);
    }

    @Test
    void rejectsTheWrongLength() {
        assertThat(CertificateNumber.check("11010519491231002X4", id, DisabilityCategory.PHYSICAL, 2)).containsExactly(CERT_LENGTH);
        assertThat(CertificateNumber.check("11010519491231002X42B12", id, DisabilityCategory.PHYSICAL, 2)).containsExactly(CERT_LENGTH);
        assertThat(CertificateNumber.check(" ", id, DisabilityCategory.PHYSICAL, 2)).containsExactly(CERT_REQUIRED);
    }

    @Test
    void aReassessmentIssuesANewNumber() {
        assertThat(CertificateNumber.issue(id, DisabilityCategory.MULTIPLE, 1).value()).isEqualTo("11010519491231002X71");
    }
}
