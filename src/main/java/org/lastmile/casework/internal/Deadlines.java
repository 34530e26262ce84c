package org.lastmile.casework.internal;

import org.lastmile.access.CurrentUser;
import org.lastmile.access.Action;
import org.lastmile.access.AuditLog;
import org.lastmile.access.Role;
import org.lastmile.platform.AppClock;
import org.lastmile.region.RegionCode;
import org.lastmile.region.RegionLevel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Deadlines by urgency: national defaults a county may override for itself, counted in calendar days or
 * in working days of the holiday calendar that SYSTEM_ADMIN keeps. A working-day deadline ends at the
 * end of its last working day.
 */
@Service
@Transactional(readOnly = true)
public class Deadlines {

    static final long NATIONAL = 0;
    static final List<String> URGENCIES = List.of("SUDDEN", "URGENT", "TEMPORARY", "ONGOING");

    public record Rule(long placeCode, String urgency, int amount, boolean workingDays, String updatedBy) {
    }

    public record Holiday(LocalDate day, WorkingDays.Kind kind, String name) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;

    Deadlines(JdbcClient jdbc, Clock clock, AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    /** The rule for a family's village: its county's own, else the national default. */
    Rule rule(String urgency, long villageCode) {
        return ruleOf(urgency, RegionCode.of(villageCode).prefixAt(RegionLevel.COUNTY));
    }

    private Rule ruleOf(String urgency, long county) {
        return jdbc.sql("""
                select place_code, urgency, amount, working_days, updated_by from casework_deadline_rule
                 where urgency = ? and place_code in (0, ?) order by place_code desc limit 1""")
                .params(urgency, county).query((rs, n) -> new Rule(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4), rs.getString(5)))
                .single();
    }

    Instant due(Instant from, String urgency, long villageCode) {
        Rule rule = rule(urgency, villageCode);
        if (!rule.workingDays()) {
            return from.plus(Duration.ofDays(rule.amount()));
        }
        LocalDate start = from.atZone(AppClock.ZONE).toLocalDate();
        LocalDate last = WorkingDays.add(start, rule.amount(), calendar(start, start.plusDays(rule.amount() * 3L + 40)));
        return last.plusDays(1).atStartOfDay(AppClock.ZONE).toInstant();
    }

    /** A referral's default due date: the case's deadline rule from today. */
    LocalDate dueDate(String urgency, long villageCode) {
        Instant due = due(clock.instant(), urgency, villageCode);
        return due.minusSeconds(1).atZone(AppClock.ZONE).toLocalDate();
    }

    Map<LocalDate, WorkingDays.Kind> calendar(LocalDate from, LocalDate to) {
        Map<LocalDate, WorkingDays.Kind> calendar = new HashMap<>();
        jdbc.sql("select day, kind from casework_holiday where day between ? and ?").params(from, to)
                .query(rs -> {
                    calendar.put(rs.getObject(1, LocalDate.class), WorkingDays.Kind.valueOf(rs.getString(2)));
                });
        return calendar;
    }

    /** The rules in force for a place: the county's own where it has one, else the national ones (place 0). */
    List<Rule> rules(long placeCode) {
        List<Rule> rules = new ArrayList<>();
        for (String urgency : URGENCIES) {
            rules.add(ruleOf(urgency, placeCode));
        }
        return rules;
    }

    /**
     * Sets the rules of a county (by a case worker whose scope covers it) or the national defaults
     * (place 0, by a configuration administrator).
     */
    @Transactional
    void setRules(long placeCode, Map<String, Integer> amounts, Map<String, Boolean> workingDays, CurrentUser user) {
        if (placeCode == NATIONAL) {
            if (!user.may(Action.CONFIGURATION_ADMIN)) {
                throw CaseProblem.notFound();
            }
        } else {
            county(placeCode, user);
        }
        for (String urgency : URGENCIES) {
            Integer amount = amounts.get(urgency);
            if (amount == null || amount < 1 || amount > 365) {
                throw CaseProblem.invalid("amount." + urgency, "DEADLINE_INVALID");
            }
        }
        for (String urgency : URGENCIES) {
            jdbc.sql("""
                    insert into casework_deadline_rule (place_code, urgency, amount, working_days, updated_by, updated_at)
                    values (?, ?, ?, ?, ?, ?)
                    on conflict (place_code, urgency) do update set amount = excluded.amount, working_days = excluded.working_days,
                           updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
                    .params(placeCode, urgency, amounts.get(urgency), Boolean.TRUE.equals(workingDays.get(urgency)), user.username(),
                            clock.instant().atOffset(java.time.ZoneOffset.UTC))
                    .update();
        }
        audit.record("CASE_DEADLINES_CHANGE", "place", Long.toString(placeCode), null, AuditLog.Outcome.SUCCESS, amounts.toString());
    }

    /** A county back on the national defaults. */
    @Transactional
    void resetRules(long placeCode, CurrentUser user) {
        county(placeCode, user);
        jdbc.sql("delete from casework_deadline_rule where place_code = ?").param(placeCode).update();
        audit.record("CASE_DEADLINES_CHANGE", "place", Long.toString(placeCode), null, AuditLog.Outcome.SUCCESS, "reset");
    }

    /** A county the case worker's scope covers, else not found (as any place outside it). */
    private static RegionCode county(long placeCode, CurrentUser user) {
        RegionCode place = RegionCode.parse(Long.toString(placeCode)).orElseThrow(CaseProblem::notFound);
        if (place.levelByDigits() != RegionLevel.COUNTY || !user.scope(Action.CASE_MANAGE).covers(place)) {
            throw CaseProblem.notFound();
        }
        return place;
    }

    List<Holiday> holidays(int year) {
        return jdbc.sql("select day, kind, name from casework_holiday where day between ? and ? order by day")
                .params(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31))
                .query((rs, n) -> new Holiday(rs.getObject(1, LocalDate.class), WorkingDays.Kind.valueOf(rs.getString(2)), rs.getString(3)))
                .list();
    }

    /** Replaces a year's calendar (SYSTEM_ADMIN, yearly, from the State Council's notice). */
    @Transactional
    void setHolidays(int year, List<Holiday> days, CurrentUser user) {
        if (!user.has(Role.SYSTEM_ADMIN)) {
            throw CaseProblem.notFound();
        }
        for (Holiday day : days) {
            if (day.day() == null || day.day().getYear() != year) {
                throw CaseProblem.invalid("days", "HOLIDAY_YEAR");
            }
            if (day.kind() == null || day.name() == null || day.name().isBlank() || day.name().length() > 40) {
                throw CaseProblem.invalid("days", "HOLIDAY_INVALID");
            }
        }
        jdbc.sql("delete from casework_holiday where day between ? and ?").params(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)).update();
        for (Holiday day : days) {
            jdbc.sql("insert into casework_holiday (day, kind, name, updated_by) values (?, ?, ?, ?) on conflict (day) do update set kind = excluded.kind, name = excluded.name")
                    .params(day.day(), day.kind().name(), day.name().strip(), user.username()).update();
        }
        audit.record("HOLIDAYS_CHANGE", "year", Integer.toString(year), null, AuditLog.Outcome.SUCCESS, days.size() + " days");
    }
}
