package org.lastmile.reporting.internal;

import org.lastmile.access.Scope;
import org.lastmile.region.RegionLevel;
import org.lastmile.reporting.Rollups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Recomputes the figures of the places marked as changed: the villages from the owners' views, then each
 * level above as the sum of the level below, only where something changed. One run at a time across nodes
 * (a transaction-scoped advisory lock); the marks are taken in the run's transaction, so a failed run
 * leaves them for the next one. Case figures also count again the villages where an open case's deadline
 * has passed since the last run, so "overdue" follows the clock without any event.
 */
@Component
class RollupRefresher implements Rollups {

    private static final Logger log = LoggerFactory.getLogger(RollupRefresher.class);

    /** The advisory lock key of this job ("LMROLLUP" as a number). */
    private static final long LOCK_KEY = 0x4c4d_524f_4c4cL;

    private static final String OPEN = "status in ('OPEN', 'IN_PROGRESS', 'REFERRED', 'ESCALATED')";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate tx;

    RollupRefresher(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    record Run(int campaigns, int coverageRanges, int caseRanges) {
        boolean idle() {
            return coverageRanges == 0 && caseRanges == 0;
        }
    }

    @Scheduled(fixedDelayString = "${lastmile.reporting.refresh-interval:PT2S}", initialDelayString = "${lastmile.reporting.refresh-delay:PT2S}")
    void tick() {
        long started = System.nanoTime();
        Run run = refresh(clock.instant());
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (millis > 2_000) {
            log.info("Roll-ups: {} ranges of {} campaigns and {} of cases recomputed in {} ms", run.coverageRanges(), run.campaigns(),
                    run.caseRanges(), millis);
        }
    }

    @Override
    public void refreshNow() {
        refresh(clock.instant());
    }

    Run refresh(Instant now) {
        return tx.execute(status -> locked(OffsetDateTime.ofInstant(now, ZoneOffset.UTC)));
    }

    private Run locked(OffsetDateTime now) {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK_KEY).query(Object.class).single();
        Map<Long, List<Scope.Range>> coverage = new TreeMap<>();
        List<Scope.Range> cases = new ArrayList<>();
        jdbc.sql("delete from reporting_pending returning kind, campaign_id, first, last").query(rs -> {
            Scope.Range range = new Scope.Range(rs.getLong(3), rs.getLong(4));
            if ("COVERAGE".equals(rs.getString(1))) {
                coverage.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>()).add(range);
            } else {
                cases.add(range);
            }
        });
        jdbc.sql("select place_code from reporting_case_figures where level = 5 and next_deadline <= ?").param(now)
                .query(Long.class).list().forEach(village -> cases.add(new Scope.Range(village, village)));
        int coverageRanges = 0;
        for (Map.Entry<Long, List<Scope.Range>> campaign : coverage.entrySet()) {
            coverageRanges += refreshCoverage(campaign.getKey(), merged(campaign.getValue()));
        }
        List<Scope.Range> caseRanges = merged(cases);
        if (!caseRanges.isEmpty()) {
            refreshCases(caseRanges, now);
        }
        return new Run(coverage.size(), coverageRanges, caseRanges.size());
    }

    private int refreshCoverage(long campaign, List<Scope.Range> villages) {
        Ranges at = Ranges.of(villages);
        jdbc.sql("""
                        delete from reporting_coverage r using unnest(:firsts, :lasts) c(first, last)
                         where r.campaign_id = :campaign and r.level = 5 and r.place_code between c.first and c.last""")
                .param("campaign", campaign).params(at.params()).update();
        for (VillageFilter filter : VillageFilter.of(villages, "t.village_code")) {
            jdbc.sql("""
                            insert into reporting_coverage (campaign_id, level, place_code, targets, confirmed, visited, closed, open, refused, unreachable)
                            select :campaign, 5, t.village_code, count(*), count(*) filter (where t.village_confirmed), count(t.last_visit_at),
                                   count(*) filter (where t.status <> 'OPEN'), count(*) filter (where t.status = 'OPEN'),
                                   count(*) filter (where t.closure = 'REFUSED'), count(*) filter (where t.closure = 'UNREACHABLE')
                              from campaign_v_target t
                             where t.campaign_id = :campaign and\s""" + filter.sql() + """
                             group by t.village_code""")
                    .param("campaign", campaign).params(filter.params()).update();
        }
        for (int level = 4; level >= 1; level--) {
            long span = RegionLevel.ofNumber(level).span();
            Ranges places = Ranges.of(covering(villages, span));
            jdbc.sql("""
                            delete from reporting_coverage r using unnest(:firsts, :lasts) c(first, last)
                             where r.campaign_id = :campaign and r.level = :level and r.place_code between c.first and c.last""")
                    .param("campaign", campaign).param("level", level).params(places.params()).update();
            jdbc.sql("""
                            insert into reporting_coverage (campaign_id, level, place_code, targets, confirmed, visited, closed, open, refused,
                                                            unreachable)
                            select :campaign, :level, r.place_code / :span * :span, sum(r.targets), sum(r.confirmed), sum(r.visited),
                                   sum(r.closed), sum(r.open), sum(r.refused), sum(r.unreachable)
                              from unnest(:firsts, :lasts) c(first, last)
                              join reporting_coverage r on r.campaign_id = :campaign and r.level = :level + 1
                                                       and r.place_code between c.first and c.last
                             group by 3""")
                    .param("campaign", campaign).param("level", level).param("span", span).params(places.params()).update();
        }
        return villages.size();
    }

    private void refreshCases(List<Scope.Range> villages, OffsetDateTime now) {
        Ranges at = Ranges.of(villages);
        for (String table : List.of("reporting_case_figures", "reporting_case_domain")) {
            jdbc.sql("delete from " + table + " r using unnest(:firsts, :lasts) c(first, last) where r.level = 5 and r.place_code between c.first and c.last")
                    .params(at.params()).update();
        }
        for (VillageFilter filter : VillageFilter.of(villages, "k.village_code")) {
            jdbc.sql("""
                            insert into reporting_case_figures (level, place_code, open, overdue, referred, escalated, resolved, closed, next_deadline,
                                                                refreshed_at)
                            select 5, k.village_code, count(*) filter (where k.%1$s), count(*) filter (where k.%1$s and k.deadline < :now),
                                   count(*) filter (where k.status = 'REFERRED'), count(*) filter (where k.status = 'ESCALATED'),
                                   count(*) filter (where k.status = 'RESOLVED'), count(*) filter (where k.status = 'CLOSED'),
                                   min(k.deadline) filter (where k.%1$s and k.deadline >= :now), :now
                              from casework_v_case k
                             where %2$s
                             group by k.village_code""".formatted(OPEN, filter.sql()))
                    .param("now", now).params(filter.params()).update();
            jdbc.sql("""
                            insert into reporting_case_domain (level, place_code, domain, open)
                            select 5, k.village_code, k.domain, count(*)
                              from casework_v_case k
                             where k.%s and %s
                             group by k.village_code, k.domain""".formatted(OPEN, filter.sql()))
                    .params(filter.params()).update();
        }
        for (int level = 4; level >= 1; level--) {
            long span = RegionLevel.ofNumber(level).span();
            Ranges places = Ranges.of(covering(villages, span));
            for (String table : List.of("reporting_case_figures", "reporting_case_domain")) {
                jdbc.sql("delete from " + table + " r using unnest(:firsts, :lasts) c(first, last)"
                                + " where r.level = :level and r.place_code between c.first and c.last")
                        .param("level", level).params(places.params()).update();
            }
            jdbc.sql("""
                            insert into reporting_case_figures (level, place_code, open, overdue, referred, escalated, resolved, closed,
                                                                next_deadline, refreshed_at)
                            select :level, r.place_code / :span * :span, sum(r.open), sum(r.overdue), sum(r.referred), sum(r.escalated),
                                   sum(r.resolved), sum(r.closed), min(r.next_deadline), :now
                              from unnest(:firsts, :lasts) c(first, last)
                              join reporting_case_figures r on r.level = :level + 1 and r.place_code between c.first and c.last
                             group by 2""")
                    .param("level", level).param("span", span).param("now", now).params(places.params()).update();
            jdbc.sql("""
                            insert into reporting_case_domain (level, place_code, domain, open)
                            select :level, r.place_code / :span * :span, r.domain, sum(r.open)
                              from unnest(:firsts, :lasts) c(first, last)
                              join reporting_case_domain r on r.level = :level + 1 and r.place_code between c.first and c.last
                             group by 2, 3""")
                    .param("level", level).param("span", span).params(places.params()).update();
        }
    }

    /**
     * Which villages a village-level recount reads, as predicates on {@code column}: single villages and narrow ranges (what
     * visits and case steps mark, merged when neighbours) by {@code = any(...)}, which PostgreSQL turns into index lookups;
     * a few wide ranges (a screened city) by {@code between}s it can read from an index too; only many wide ranges by a
     * semi-join. A semi-join let the planner hash every case of the country with every person: 4 s for a hundred villages,
     * and 8 s for two neighbouring villages merged into one range, where the lookups take milliseconds.
     */
    record VillageFilter(String sql, Map<String, Object> params) {
        /** A range of at most this many codes is looked up code by code (a township's villages span at most 1,000). */
        static final long NARROW = 1_000;
        /** Up to this many wide ranges are named one by one. */
        static final int FEW = 16;

        static List<VillageFilter> of(List<Scope.Range> ranges, String column) {
            List<Long> villages = new ArrayList<>();
            List<Scope.Range> wide = new ArrayList<>();
            for (Scope.Range range : ranges) {
                if (range.last() - range.first() < NARROW) {
                    for (long code = range.first(); code <= range.last(); code++) {
                        villages.add(code);
                    }
                } else {
                    wide.add(range);
                }
            }
            List<VillageFilter> filters = new ArrayList<>();
            if (!villages.isEmpty()) {
                filters.add(new VillageFilter(column + " = any(:villages)", Map.of("villages", villages.toArray(Long[]::new))));
            }
            if (!wide.isEmpty() && wide.size() <= FEW) {
                // The bounds written in (longs), as Scope.where writes them, so that a prepared statement's plan fits its places.
                StringBuilder sql = new StringBuilder("(");
                for (int i = 0; i < wide.size(); i++) {
                    sql.append(i == 0 ? "" : " or ").append(column).append(" between ").append(wide.get(i).first()).append(" and ").append(wide.get(i).last());
                }
                filters.add(new VillageFilter(sql.append(')').toString(), Map.of()));
            } else if (!wide.isEmpty()) {
                filters.add(new VillageFilter("exists (select 1 from unnest(:firsts, :lasts) c(first, last) where " + column
                        + " between c.first and c.last)", Ranges.of(wide).params()));
            }
            return filters;
        }
    }

    /** The subtrees of the places of one level ({@code span}) that hold any of these ranges. */
    static List<Scope.Range> covering(List<Scope.Range> ranges, long span) {
        List<Scope.Range> places = new ArrayList<>(ranges.size());
        for (Scope.Range range : ranges) {
            places.add(new Scope.Range(range.first() / span * span, range.last() / span * span + span - 1));
        }
        return merged(places);
    }

    /** Sorted and disjoint, so that a join on the ranges counts every row once. */
    static List<Scope.Range> merged(List<Scope.Range> ranges) {
        return new Scope(org.lastmile.access.Action.REPORT_READ, ranges, Set.of()).ranges();
    }

    /** Ranges bound as two arrays, for {@code unnest(:firsts, :lasts)}. */
    record Ranges(Long[] firsts, Long[] lasts) {
        static Ranges of(List<Scope.Range> ranges) {
            return new Ranges(ranges.stream().map(Scope.Range::first).toArray(Long[]::new),
                    ranges.stream().map(Scope.Range::last).toArray(Long[]::new));
        }

        Map<String, Object> params() {
            return Map.of("firsts", firsts, "lasts", lasts);
        }
    }
}
