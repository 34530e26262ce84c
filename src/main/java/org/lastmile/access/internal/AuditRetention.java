package org.lastmile.access.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Period;

/**
 * Keeps the audit trail for the retention period, then removes the oldest sealed records, only ever
 * from the head of the chain so that what remains still verifies. The period may not be shorter than
 * three years: records of processing personal data (PIPL Art. 55-56) and, a fortiori, the security
 * logs that need 180 days (Cybersecurity Law Art. 21) are all kept that long.
 */
@Component
class AuditRetention {

    static final Period MINIMUM = Period.ofYears(3);
    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Period retention;

    AuditRetention(JdbcClient jdbc, TransactionTemplate tx, @Value("${lastmile.audit.retention:P3Y}") Period configured) {
        this.jdbc = jdbc;
        this.tx = tx;
        if (configured.toTotalMonths() < MINIMUM.toTotalMonths()) {
            log.warn("lastmile.audit.retention={} is shorter than the legal minimum; keeping {} instead", configured, MINIMUM);
            this.retention = MINIMUM;
        } else {
            this.retention = configured;
        }
    }

    Period retention() {
        return retention;
    }

    @Scheduled(cron = "0 17 3 * * *")
    void purgeDaily() {
        int removed = purge();
        if (removed > 0) {
            log.info("Removed {} audit records older than {}", removed, retention);
        }
    }

    /** Deletes the sealed records before the first one still within the retention period. */
    int purge() {
        Integer removed = tx.execute(status -> {
            Long keepFrom = jdbc.sql("""
                    select min(seq) from access_audit
                     where seq is not null and at >= now() - make_interval(years => ?, months => ?, days => ?)""")
                    .params(retention.getYears(), retention.getMonths(), retention.getDays()).query(Long.class).single();
            if (keepFrom == null) {
                return 0;
            }
            jdbc.sql("select set_config('lastmile.audit_retention', 'on', true)").query().listOfRows();
            return jdbc.sql("delete from access_audit where seq < ?").param(keepFrom).update();
        });
        return removed == null ? 0 : removed;
    }
}
