package org.lastmile.casework.internal;

import org.lastmile.platform.AppClock;
import org.lastmile.region.RegionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Every minute: overdue cases go one level up (the top level gets an overdue notice instead), and overdue
 * referrals and follow-ups are notified once. One run at a time across all nodes: the run holds a
 * transaction-scoped PostgreSQL advisory lock (a second node waits, then finds nothing overdue). Each case
 * is escalated in a transaction of its own, re-checked under its row lock, so a second run changes nothing
 * and one case that fails does not hold back the others.
 */
@Component
class Escalations {

    record Run(int escalated, int referralsNotified, int followUpsNotified) {
    }

    private static final Logger log = LoggerFactory.getLogger(Escalations.class);
    /** The advisory lock key of this job ("CASEESC" as a number). */
    private static final long LOCK_KEY = 0x43415345455343L;
    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final CaseService cases;
    private final Notifications notifications;
    private final TransactionTemplate run;
    private final TransactionTemplate eachCase;

    Escalations(JdbcClient jdbc, Clock clock, CaseService cases, Notifications notifications, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.cases = cases;
        this.notifications = notifications;
        this.run = new TransactionTemplate(transactions);
        this.eachCase = new TransactionTemplate(transactions);
        this.eachCase.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Scheduled(fixedDelayString = "${lastmile.casework.escalation-interval:PT1M}", initialDelayString = "${lastmile.casework.escalation-delay:PT20S}")
    void tick() {
        Run run = run(clock.instant(), null);
        if (run.escalated() + run.referralsNotified() + run.followUpsNotified() > 0) {
            log.info("Casework clock: {} cases escalated or notified overdue, {} referrals and {} follow-ups overdue notified",
                    run.escalated(), run.referralsNotified(), run.followUpsNotified());
        }
    }

    /**
     * One run at {@code now}; {@code within} limits it to a place's families (a drill for one county),
     * null for all.
     */
    Run run(Instant now, RegionCode within) {
        return run.execute(status -> locked(now, within));
    }

    private Run locked(Instant now, RegionCode within) {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK_KEY).query(Object.class).single();
        long first = within == null ? 0 : within.subtreeFirst();
        long last = within == null ? Long.MAX_VALUE : within.subtreeLast();
        List<Long> overdue = jdbc.sql("""
                        select id from casework_case
                         where status in ('OPEN', 'IN_PROGRESS', 'REFERRED', 'ESCALATED') and deadline < ?
                           and overdue_notified_for is distinct from deadline and village_code between ? and ?
                         order by deadline limit ?""")
                .params(CaseService.utc(now), first, last, BATCH).query(Long.class).list();
        int escalated = 0;
        for (long id : overdue) {
            try {
                if (Boolean.TRUE.equals(eachCase.execute(status -> cases.escalateOverdue(id, now)))) {
                    escalated++;
                }
            } catch (RuntimeException e) {
                log.error("Casework clock: case {} could not be escalated; it is tried again next run", id, e);
            }
        }
        LocalDate today = now.atZone(AppClock.ZONE).toLocalDate();
        int referrals = 0;
        for (Object[] r : jdbc.sql("""
                        update casework_referral r set overdue_notified = true from casework_case c
                         where c.id = r.case_id and r.status in ('ASKED', 'ACCEPTED') and r.due_on < ? and not r.overdue_notified
                           and c.village_code between ? and ?
                        returning r.id, r.case_id, r.department_id, c.owner, c.unit_code""")
                .params(today, first, last).query((rs, n) -> new Object[]{rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getLong(5)})
                .list()) {
            long referral = (Long) r[0];
            long kase = (Long) r[1];
            notifications.send(notifications.liaisons((Long) r[2]), "REFERRAL_OVERDUE", kase, referral, "referral-overdue:" + referral);
            notifications.send(r[3] != null ? List.of((String) r[3]) : notifications.unitWorkers((Long) r[4]), "REFERRAL_OVERDUE", kase, referral,
                    "referral-overdue:" + referral);
            referrals++;
        }
        int followUps = 0;
        for (Object[] f : jdbc.sql("""
                        update casework_follow_up f set overdue_notified = true from casework_case c
                         where c.id = f.case_id and f.status = 'DUE' and f.due_on < ? and not f.overdue_notified
                           and c.village_code between ? and ?
                        returning f.id, f.case_id, f.assigned_to, c.owner, c.unit_code""")
                .params(today, first, last).query((rs, n) -> new Object[]{rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5)})
                .list()) {
            String recipient = f[2] != null ? (String) f[2] : (String) f[3];
            notifications.send(recipient != null ? List.of(recipient) : notifications.unitWorkers((Long) f[4]), "FOLLOW_UP_OVERDUE", (Long) f[1],
                    null, "follow-up-overdue:" + f[0]);
            followUps++;
        }
        return new Run(escalated, referrals, followUps);
    }
}
