package org.lastmile.casework.internal;

import org.lastmile.access.Accounts;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.Role;
import org.lastmile.region.RegionCode;
import org.lastmile.region.RegionLevel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

/**
 * In-app notifications for new, referred, answered, escalated and overdue items. Each recipient gets a
 * notice once per dedupe key, so a job or an event handled twice notifies once.
 */
@Service
@Transactional
public class Notifications {

    public record Notice(long id, String kind, Long caseId, Long referralId, OffsetDateTime createdAt, boolean read) {
    }

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final Clock clock;

    Notifications(JdbcClient jdbc, Accounts accounts, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.clock = clock;
    }

    void send(Collection<String> recipients, String kind, Long caseId, Long referralId, String dedupe) {
        if (recipients.isEmpty()) {
            return;
        }
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        // One statement for all the recipients: a county's case workers are notified of every new case.
        jdbc.sql("""
                insert into casework_notification (recipient, kind, case_id, referral_id, created_at, dedupe)
                select r, ?, ?, ?, ?, ? from unnest(?::text[]) r on conflict (recipient, dedupe) do nothing""")
                .params(kind, caseId, referralId, now, dedupe, recipients.toArray(String[]::new)).update();
    }

    /**
     * Whom a unit's notice reaches: its case workers; where the unit has none (a township without an
     * account yet), the nearest level above that has.
     */
    List<String> unitWorkers(long unitCode) {
        RegionCode unit = RegionCode.of(unitCode);
        List<Long> nearestFirst = new java.util.ArrayList<>();
        for (int n = unit.levelByDigits().number(); n >= 1; n--) {
            nearestFirst.add(unit.prefixAt(RegionLevel.ofNumber(n)));
        }
        return accounts.holders(Role.CASE_WORKER, nearestFirst);
    }

    List<String> liaisons(long departmentId) {
        return accounts.liaisons(departmentId);
    }

    @Transactional(readOnly = true)
    List<Notice> of(CurrentUser user, int limit) {
        return jdbc.sql("""
                select id, kind, case_id, referral_id, created_at, read_at is not null from casework_notification
                 where recipient = ? order by read_at is not null, created_at desc, id desc limit ?""")
                .params(user.username(), limit)
                .query((rs, n) -> new Notice(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3), (Long) rs.getObject(4),
                        rs.getObject(5, OffsetDateTime.class), rs.getBoolean(6)))
                .list();
    }

    @Transactional(readOnly = true)
    int unread(CurrentUser user) {
        return jdbc.sql("select count(*) from casework_notification where recipient = ? and read_at is null").param(user.username())
                .query(Integer.class).single();
    }

    /** Marks one (or, with null, all) of the user's notices read; another user's notice is not found. */
    int markRead(Long id, CurrentUser user) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        if (id == null) {
            return jdbc.sql("update casework_notification set read_at = ? where recipient = ? and read_at is null")
                    .params(now, user.username()).update();
        }
        int changed = jdbc.sql("update casework_notification set read_at = coalesce(read_at, ?) where id = ? and recipient = ?")
                .params(now, id, user.username()).update();
        if (changed == 0) {
            throw CaseProblem.notFound();
        }
        return changed;
    }
}
