package org.lastmile.campaign.internal;

import org.lastmile.access.Action;
import org.lastmile.access.AuditLog;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.Scope;
import org.lastmile.region.RegionCode;
import org.lastmile.region.RegionLevel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The village worker's worklist (their confirmed targets not yet closed, the most urgent first, with the
 * family's key facts) and coverage: how far a campaign has come in any place, by the places one level
 * down, in figures only (so that leaders see them without names).
 */
@Component
public class Worklists {

    public record Item(long targetId, long campaignId, String campaignName, long personId, String name, int age, int category, int grade,
                       long villageCode, List<String> reasons, List<String> tags, int attempts, String lastOutcome, OffsetDateTime lastVisitAt,
                       LocalDate nextContactOn, long openDifficulties, String mostUrgent) {
    }

    public record Coverage(long placeCode, long targets, long confirmed, long visited, long closed, long open, long refused, long unreachable) {
    }

    public record CoverageReport(Coverage total, List<Coverage> byChild) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;

    Worklists(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** Open targets of confirmed village lists: the user's own, and unassigned ones in the places the user visits. */
    List<Item> worklist(CurrentUser user) {
        // The person's village now (a transfer moves them out of the worker's places), for assigned families too.
        Scope.Condition scope = user.scope(Action.VISIT_RECORD).where("p.village_code");
        List<Item> items = jdbc.sql("""
                select t.id, t.campaign_id, c.name as campaign_name, t.person_id, p.name, p.age, p.disability_category, p.disability_grade,
                       p.village_code, t.reasons, t.attempts, t.last_outcome, t.last_visit_at, t.next_contact_on,
                       (select array_agg(distinct h.tag order by h.tag) from registry_v_household_tag h where h.person_id = t.person_id) as tags,
                       (select count(*) from campaign_difficulty d where d.person_id = t.person_id and not d.solved_on_spot) as open_difficulties,
                       (select min(case d.urgency when 'SUDDEN' then 0 when 'URGENT' then 1 when 'TEMPORARY' then 2 else 3 end)
                          from campaign_difficulty d where d.person_id = t.person_id and not d.solved_on_spot) as urgency_rank
                  from campaign_target t
                  join campaign c on c.id = t.campaign_id
                  join campaign_village v on v.campaign_id = t.campaign_id and v.village_code = t.village_code
                  join registry_v_person p on p.person_id = t.person_id
                 where t.status = 'OPEN' and c.ends_on >= current_date - 30
                   and (t.assigned_to = :me or t.assigned_to is null) and\s""" + scope.sql() + """
                
                 order by urgency_rank nulls last, (t.next_contact_on is not null and t.next_contact_on <= current_date) desc,
                          t.last_visit_at nulls first, p.name, t.id
                 limit 500""")
                .params(scope.params()).param("me", user.username())
                .query((rs, n) -> {
                    java.sql.Array tags = rs.getArray("tags");
                    Integer rank = (Integer) rs.getObject("urgency_rank");
                    return new Item(rs.getLong("id"), rs.getLong("campaign_id"), rs.getString("campaign_name"), rs.getLong("person_id"),
                            rs.getString("name"), rs.getInt("age"), rs.getInt("disability_category"), rs.getInt("disability_grade"),
                            rs.getLong("village_code"), List.of((String[]) rs.getArray("reasons").getArray()),
                            tags == null ? List.of() : List.of((String[]) tags.getArray()), rs.getInt("attempts"), rs.getString("last_outcome"),
                            rs.getObject("last_visit_at", OffsetDateTime.class), rs.getObject("next_contact_on", LocalDate.class),
                            rs.getLong("open_difficulties"), rank == null ? null : List.of("SUDDEN", "URGENT", "TEMPORARY", "ONGOING").get(rank));
                }).list();
        audit.record("WORKLIST_VIEW", "account", user.username(), null, AuditLog.Outcome.SUCCESS, items.size() + " families");
        return items;
    }

    /**
     * The campaign's figures in a place and in each place one level down; leaders read them too (no names).
     * Read from reporting's roll-ups ({@code reporting_v_coverage}, a few seconds at most behind the visits): the rows of
     * the children where the user's scope covers the place, else the rows of the places of the scope inside it.
     */
    CoverageReport coverage(long campaignId, RegionCode region, CurrentUser user) {
        List<Scope.Range> ranges = new ArrayList<>(CampaignService.readable(user).ranges());
        ranges.addAll(user.scope(Action.REPORT_READ).ranges());
        Scope scope = new Scope(Action.REPORT_READ, ranges, Set.of());
        RegionLevel level = region.levelByDigits();
        RegionLevel child = level == RegionLevel.VILLAGE ? level : RegionLevel.ofNumber(level.number() + 1);
        List<Integer> levels = new ArrayList<>();
        List<Long> firsts = new ArrayList<>();
        List<Long> lasts = new ArrayList<>();
        for (Scope.Range place : scope.placesWithin(region)) {
            boolean whole = place.first() == region.subtreeFirst() && place.last() == region.subtreeLast();
            levels.add(whole ? child.number() : RegionLevel.ofSpan(place.last() - place.first() + 1).number());
            firsts.add(place.first());
            lasts.add(whole ? place.last() : place.first());
        }
        List<Coverage> byChild = jdbc.sql("""
                select r.place_code / :unit * :unit as place, sum(r.targets), sum(r.confirmed), sum(r.visited), sum(r.closed), sum(r.open),
                       sum(r.refused), sum(r.unreachable)
                  from unnest(:levels, :firsts, :lasts) b(level, first, last)
                  join reporting_v_coverage r on r.campaign_id = :campaign and r.level = b.level and r.place_code between b.first and b.last
                 group by 1 order by 1""")
                .param("unit", child.span()).param("campaign", campaignId).param("levels", levels.toArray(Integer[]::new))
                .param("firsts", firsts.toArray(Long[]::new)).param("lasts", lasts.toArray(Long[]::new))
                .query((rs, n) -> new Coverage(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                        rs.getLong(7), rs.getLong(8))).list();
        Coverage total = new Coverage(region.value(), byChild.stream().mapToLong(Coverage::targets).sum(),
                byChild.stream().mapToLong(Coverage::confirmed).sum(), byChild.stream().mapToLong(Coverage::visited).sum(),
                byChild.stream().mapToLong(Coverage::closed).sum(), byChild.stream().mapToLong(Coverage::open).sum(),
                byChild.stream().mapToLong(Coverage::refused).sum(), byChild.stream().mapToLong(Coverage::unreachable).sum());
        return new CoverageReport(total, byChild);
    }
}
