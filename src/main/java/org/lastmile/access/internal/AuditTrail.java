package org.lastmile.access.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.lastmile.access.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Writes audit records in the caller's transaction (JdbcClient joins it). */
@Service
class AuditTrail implements AuditLog {

    private final JdbcClient jdbc;
    private final TransactionTemplate separately;

    AuditTrail(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public void recordRefusal(String action, String subjectType, String subjectId, String purpose, String details) {
        separately.executeWithoutResult(status -> record(action, subjectType, subjectId, purpose, Outcome.DENIED, details));
    }

    @Override
    public void record(String action, String subjectType, String subjectId, String purpose, Outcome outcome, String details) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String username = auth == null || !auth.isAuthenticated() || "anonymousUser".equals(auth.getName()) ? null : auth.getName();
        insert(username, action, subjectType, subjectId, purpose, outcome, details);
    }

    @Override
    public void recordEach(String action, String subjectType, java.util.List<String> subjectIds, String purpose, Outcome outcome, String details) {
        if (subjectIds.isEmpty()) {
            return;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String username = auth == null || !auth.isAuthenticated() || "anonymousUser".equals(auth.getName()) ? null : auth.getName();
        jdbc.sql("""
                insert into access_audit (account, client_address, action, subject_type, subject_id, purpose, outcome, details)
                select ?, ?, ?, ?, s.id, ?, ?, ? from unnest(?::text[]) with ordinality as s(id, n) order by s.n""")
                .params(truncate(username, 100), clientAddress(), action, subjectType, truncate(purpose, 500), outcome.name(),
                        truncate(details, 2000), subjectIds.toArray(String[]::new))
                .update();
    }

    @Override
    public void recordFor(String username, String action, String subjectType, String subjectId, Outcome outcome, String details) {
        insert(username, action, subjectType, subjectId, null, outcome, details);
    }

    private void insert(String username, String action, String subjectType, String subjectId, String purpose,
                        Outcome outcome, String details) {
        jdbc.sql("""
                insert into access_audit (account, client_address, action, subject_type, subject_id, purpose, outcome, details)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(truncate(username, 100), clientAddress(), action, subjectType, subjectId, truncate(purpose, 500),
                        outcome.name(), truncate(details, 2000))
                .update();
    }

    static String clientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
