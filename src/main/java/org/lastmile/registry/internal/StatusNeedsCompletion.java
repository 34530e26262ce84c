package org.lastmile.registry.internal;

import org.lastmile.access.Action;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.Scope;
import org.lastmile.region.RegionCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * How far the year's status-and-needs records have come: per village (persons, records started and
 * complete, the average completeness, a person without a record counting as 0) and, within a village,
 * per person. Only certified persons in the register (ACTIVE) count; only the user's places are read.
 */
@Component
public class StatusNeedsCompletion {

    public record Village(long villageCode, long persons, long started, long complete, int averagePercent) {
    }

    public record Person(long personId, String name, int asked, int answered, int percent, OffsetDateTime updatedAt) {
    }

    private final JdbcClient jdbc;
    private final org.lastmile.access.AuditLog audit;

    StatusNeedsCompletion(JdbcClient jdbc, org.lastmile.access.AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    List<Village> villages(RegionCode within, int year, CurrentUser user) {
        Scope.Condition scope = user.scope(Action.PERSON_READ).where("p.village_code");
        return jdbc.sql("""
                select p.village_code, count(*), count(r.person_id), count(*) filter (where r.answered >= r.asked),
                       round(avg(coalesce(r.answered * 100.0 / nullif(r.asked, 0), case when r.person_id is null then 0 else 100 end)))
                  from registry_person p
                  left join registry_status_record r on r.person_id = p.id and r.year = :year
                 where p.life_status = 'ACTIVE' and\s""" + within.subtreeSql("p.village_code") + " and " + scope.sql() + " " + """
                 group by p.village_code order by p.village_code limit 2000""")
                .params(scope.params()).param("year", year)
                .query((rs, n) -> new Village(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getInt(5))).list();
    }

    List<Person> persons(long villageCode, int year, CurrentUser user) {
        if (!user.scope(Action.PERSON_READ).contains(villageCode)) {
            return List.of();
        }
        audit.record("STATUS_NEEDS_COMPLETION", "village", Long.toString(villageCode), null, org.lastmile.access.AuditLog.Outcome.SUCCESS,
                Integer.toString(year));
        return jdbc.sql("""
                select p.id, p.name, coalesce(r.asked, 0), coalesce(r.answered, 0), r.updated_at
                  from registry_person p
                  left join registry_status_record r on r.person_id = p.id and r.year = ?
                 where p.village_code = ? and p.life_status = 'ACTIVE'
                 order by coalesce(r.answered * 100 / nullif(r.asked, 0), 0), p.name limit 1000""")
                .params(year, villageCode)
                .query((rs, n) -> {
                    int asked = rs.getInt(3);
                    int answered = rs.getInt(4);
                    return new Person(rs.getLong(1), rs.getString(2), asked, answered, asked == 0 ? 0 : answered * 100 / asked,
                            rs.getObject(5, OffsetDateTime.class));
                }).list();
    }
}
