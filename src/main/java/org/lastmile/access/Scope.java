package org.lastmile.access;

import org.lastmile.region.RegionCode;
import org.lastmile.region.RegionLevel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one scope rule: where a user may do one action, as the union of contiguous division-code
 * ranges (a place's subtree is one range), and, for liaisons, the departments whose referrals they
 * answer. Every query of personal data goes through {@link #where(String)}, which becomes plain
 * index range scans: {@code (code between 330122000000 and 330122999999 or ...)}.
 */
public record Scope(Action action, List<Range> ranges, Set<Long> departmentIds) {

    public record Range(long first, long last) {
    }

    /** A SQL predicate and its named parameters, for {@code JdbcClient.sql(...).params(...)}. */
    public record Condition(String sql, Map<String, Object> params) {
    }

    public Scope {
        ranges = merge(ranges);
        departmentIds = Set.copyOf(departmentIds);
    }

    public static Scope nothing(Action action) {
        return new Scope(action, List.of(), Set.of());
    }

    public boolean isEmpty() {
        return ranges.isEmpty() && departmentIds.isEmpty();
    }

    public boolean contains(long divisionCode) {
        for (Range range : ranges) {
            if (divisionCode >= range.first && divisionCode <= range.last) {
                return true;
            }
        }
        return false;
    }

    /** Whether the whole subtree of {@code code} lies within the scope. */
    public boolean covers(RegionCode code) {
        for (Range range : ranges) {
            if (code.subtreeFirst() >= range.first && code.subtreeLast() <= range.last) {
                return true;
            }
        }
        return false;
    }

    /**
     * The part of the scope inside {@code place}, cut into whole places: each range returned is the subtree of one
     * place (of the level whose {@link RegionLevel#span()} is its length), the largest that fit. The place itself
     * when the scope covers it; a township and two villages of another township for a user granted those.
     * Read models kept per place answer a scoped question from these rows.
     */
    public List<Range> placesWithin(RegionCode place) {
        List<Range> places = new ArrayList<>();
        for (Range range : ranges) {
            long first = Math.max(range.first, place.subtreeFirst());
            long last = Math.min(range.last, place.subtreeLast());
            while (first <= last) {
                long span = 1;
                for (RegionLevel level : RegionLevel.values()) {
                    if (first % level.span() == 0 && first + level.span() - 1 <= last) {
                        span = level.span();
                        break;
                    }
                }
                places.add(new Range(first, first + span - 1));
                first += span;
            }
        }
        return places;
    }

    /**
     * The predicate on a division-code column; {@code false} when the scope is empty, so nothing leaks. The bounds are
     * written into the SQL as numbers (they are longs, never text), not bound: a statement the driver has prepared gets a
     * generic plan after five runs, and with bound bounds that plan could not tell a village's scope from a province's.
     * Written in, the bounds keep every plan fitted to its scope, and statements without a scope can keep their generic
     * plans, which saves planning them on every run.
     */
    public Condition where(String codeColumn) {
        if (!codeColumn.matches("[a-z_][a-z0-9_.]*")) {
            throw new IllegalArgumentException("Not a column name: " + codeColumn);
        }
        if (ranges.isEmpty()) {
            return new Condition("(false)", Map.of());
        }
        StringBuilder sql = new StringBuilder("(");
        for (int i = 0; i < ranges.size(); i++) {
            if (i > 0) {
                sql.append(" or ");
            }
            sql.append(codeColumn).append(" between ").append(ranges.get(i).first).append(" and ").append(ranges.get(i).last);
        }
        return new Condition(sql.append(')').toString(), Map.of());
    }

    /** The predicate on a department column, for liaisons. */
    public Condition whereDepartment(String departmentColumn) {
        if (!departmentColumn.matches("[a-z_][a-z0-9_.]*")) {
            throw new IllegalArgumentException("Not a column name: " + departmentColumn);
        }
        if (departmentIds.isEmpty()) {
            return new Condition("(false)", Map.of());
        }
        return new Condition(departmentColumn + " = any(:scope_departments)",
                Map.of("scope_departments", departmentIds.toArray(Long[]::new)));
    }

    /** Sorted, with overlapping and nested ranges merged: a county grant swallows its villages. */
    private static List<Range> merge(List<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(Range::first));
        List<Range> merged = new ArrayList<>();
        for (Range range : sorted) {
            if (!merged.isEmpty() && range.first <= merged.get(merged.size() - 1).last + 1) {
                Range last = merged.remove(merged.size() - 1);
                merged.add(new Range(last.first, Math.max(last.last, range.last)));
            } else {
                merged.add(range);
            }
        }
        return List.copyOf(merged);
    }
}
