package org.lastmile.casework.internal;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WorkingDaysTest {

    static final Map<LocalDate, WorkingDays.Kind> SPRING_FESTIVAL_2026 = Map.of(
            LocalDate.of(2026, 2, 14), WorkingDays.Kind.WORKDAY,
            LocalDate.of(2026, 2, 16), WorkingDays.Kind.HOLIDAY, LocalDate.of(2026, 2, 17), WorkingDays.Kind.HOLIDAY,
            LocalDate.of(2026, 2, 18), WorkingDays.Kind.HOLIDAY, LocalDate.of(2026, 2, 19), WorkingDays.Kind.HOLIDAY,
            LocalDate.of(2026, 2, 20), WorkingDays.Kind.HOLIDAY, LocalDate.of(2026, 2, 23), WorkingDays.Kind.HOLIDAY,
            LocalDate.of(2026, 2, 28), WorkingDays.Kind.WORKDAY);

    @Test
    void countsWeekdaysAfterTheStartDay() {
        // Monday 2026-11-30 + 3 working days = Thursday.
        assertThat(WorkingDays.add(LocalDate.of(2026, 11, 30), 3, Map.of())).isEqualTo(LocalDate.of(2026, 12, 3));
        // Friday + 1 = Monday.
        assertThat(WorkingDays.add(LocalDate.of(2026, 12, 4), 1, Map.of())).isEqualTo(LocalDate.of(2026, 12, 7));
    }

    @Test
    void skipsHolidaysAndCountsMakeUpWorkingDays() {
        // Friday 13 Feb 2026 + 1: Saturday 14 Feb is a make-up working day.
        assertThat(WorkingDays.add(LocalDate.of(2026, 2, 13), 1, SPRING_FESTIVAL_2026)).isEqualTo(LocalDate.of(2026, 2, 14));
        // Saturday 14 Feb + 1: the festival runs to Monday 23 Feb; Tuesday 24 Feb is the next working day.
        assertThat(WorkingDays.add(LocalDate.of(2026, 2, 14), 1, SPRING_FESTIVAL_2026)).isEqualTo(LocalDate.of(2026, 2, 24));
        assertThat(WorkingDays.isWorkingDay(LocalDate.of(2026, 2, 28), SPRING_FESTIVAL_2026)).isTrue();
        assertThat(WorkingDays.isWorkingDay(LocalDate.of(2026, 2, 18), SPRING_FESTIVAL_2026)).isFalse();
    }
}
