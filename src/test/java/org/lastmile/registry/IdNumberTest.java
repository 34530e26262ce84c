package org.lastmile.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class IdNumberTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

    /** A valid number built from the algorithm itself. */
    private static String withCheck(String first17) {
        return first17 + IdNumber.checkCharacter(first17);
    }

    @Test
    void acceptsTheStandardsOwnExample() {
        IdNumber.Parsed parsed = IdNumber.parse("11010519491231002X", TODAY);
        assertThat(parsed.valid()).isTrue();
        assertThat(parsed.number().birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(parsed.number().sex()).isEqualTo(IdNumber.Sex.FEMALE);
        assertThat(parsed.number().lastSix()).isEqualTo("31002X");
        assertThat(parsed.number().lastFour()).isEqualTo("002X");
    }

    @Test
    void computesTheCheckCharacterIncludingX() {
        assertThat(IdNumber.checkCharacter("11010519491231002")).isEqualTo('X');
        // Every check value occurs: vary the sequence digits and check each one round-trips.
        for (int seq = 0; seq < 200; seq++) {
            String number = withCheck("33012219800101" + String.format("%03d", seq));
            assertThat(IdNumber.parse(number, TODAY).valid()).as(number).isTrue();
        }
    }

    @Test
    void derivesSexFromTheSequenceDigit() {
        assertThat(IdNumber.parse(withCheck("33012219800101001"), TODAY).number().sex()).isEqualTo(IdNumber.Sex.MALE);
        assertThat(IdNumber.parse(withCheck("33012219800101002"), TODAY).number().sex()).isEqualTo(IdNumber.Sex.FEMALE);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "11010519491231002Y, ID_CHARACTERS",
            "110105194912310021, ID_CHECK",
            "1101051949123100, ID_LENGTH",
            "11010519491231002XX, ID_LENGTH",
            "'', ID_REQUIRED",
            "A1010519491231002X, ID_CHARACTERS"})
    void refusesMalformedNumbersWithTheReason(String number, IdNumber.Problem problem) {
        assertThat(IdNumber.parse(number, TODAY).problem()).isEqualTo(problem);
    }

    @Test
    void refusesImpossibleAndFutureBirthDates() {
        assertThat(IdNumber.parse(withCheck("33012219490230001"), TODAY).problem()).isEqualTo(IdNumber.Problem.ID_BIRTH_DATE);
        assertThat(IdNumber.parse(withCheck("33012219491301001"), TODAY).problem()).isEqualTo(IdNumber.Problem.ID_BIRTH_DATE);
        assertThat(IdNumber.parse(withCheck("33012220230229001"), TODAY).problem()).isEqualTo(IdNumber.Problem.ID_BIRTH_DATE);
        assertThat(IdNumber.parse(withCheck("33012220240229001"), TODAY).valid()).as("a leap day").isTrue();
        assertThat(IdNumber.parse(withCheck("33012220261130001"), TODAY).problem()).isEqualTo(IdNumber.Problem.ID_FUTURE_BIRTH);
        assertThat(IdNumber.parse(withCheck("33012220261129001"), TODAY).valid()).as("born today").isTrue();
    }

    @Test
    void normalisesFullWidthLowercaseAndSpaces() {
        IdNumber.Parsed parsed = IdNumber.parse(" １１０１０５\u00A01949 1231 002x\u200B", TODAY);
        assertThat(parsed.valid()).isTrue();
        assertThat(parsed.number().value()).isEqualTo("11010519491231002X");
    }

    @Test
    void convertsALegacyFifteenDigitNumberWithAWarning() {
        IdNumber.Parsed parsed = IdNumber.parse("110105491231002", TODAY);
        assertThat(parsed.valid()).isTrue();
        assertThat(parsed.convertedFrom15()).isTrue();
        assertThat(parsed.number().value()).isEqualTo("11010519491231002X");
        assertThat(IdNumber.parse("110105490231002", TODAY).problem()).isEqualTo(IdNumber.Problem.ID_BIRTH_DATE);
        assertThat(IdNumber.parse("11010549123100X", TODAY).problem()).isEqualTo(IdNumber.Problem.ID_CHARACTERS);
    }

    @Test
    void acceptsResidencePermitsAndForeignersPermanentResidenceNumbers() {
        for (String first17 : new String[] {"81000019800101001", "82000019800101002", "83000019800101003", "93115619800101004"}) {
            assertThat(IdNumber.parse(withCheck(first17), TODAY).valid()).as(first17).isTrue();
        }
    }

    @Test
    void acceptsAddressCodesThatNoLongerExist() {
        // 110103 (the former 崇文区 of Beijing) was abolished in 2010; its numbers stay valid.
        assertThat(IdNumber.parse(withCheck("11010319700101001"), TODAY).valid()).isTrue();
    }

    @Test
    void printsMaskedNeverWhole() {
        assertThat(IdNumber.of("11010519491231002X").toString()).isEqualTo("110105********002X");
    }
}
