package org.lastmile.casework.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;

/**
 * Working-day arithmetic over the official calendar: Monday to Friday, less public holidays, plus the
 * weekend days declared working days (调休上班).
 */
final class WorkingDays {

    enum Kind { HOLIDAY, WORKDAY }

    private WorkingDays() {
    }

    static boolean isWorkingDay(LocalDate day, Map<LocalDate, Kind> calendar) {
        Kind kind = calendar.get(day);
        if (kind != null) {
            return kind == Kind.WORKDAY;
        }
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** The {@code n}th working day after {@code start} (the start day itself does not count). */
    static LocalDate add(LocalDate start, int n, Map<LocalDate, Kind> calendar) {
        LocalDate day = start;
        int counted = 0;
        while (counted < n) {
            day = day.plusDays(1);
            if (isWorkingDay(day, calendar)) {
                counted++;
            }
        }
        return day;
    }
}
