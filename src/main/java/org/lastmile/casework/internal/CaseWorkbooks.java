package org.lastmile.casework.internal;

import cn.idev.excel.FastExcel;
import org.lastmile.access.AuditLog;
import org.lastmile.access.CurrentUser;
import org.lastmile.platform.PageRequest;
import org.lastmile.platform.PageResult;
import org.lastmile.platform.SpreadsheetRows;
import org.lastmile.region.RegionCode;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Excel downloads of exactly what each casework list shows: the case board, a family's timeline, a
 * department's inbox, the policy-issue report. Lists are bounded (the board's export stops at 10,000
 * rows, the others are small), so each is written in one go; every export is audited.
 */
@Component
class CaseWorkbooks {

    private static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final CaseQueries queries;
    private final MessageSource messages;
    private final AuditLog audit;

    CaseWorkbooks(CaseQueries queries, MessageSource messages, AuditLog audit) {
        this.queries = queries;
        this.messages = messages;
        this.audit = audit;
    }

    ResponseEntity<byte[]> cases(CaseQueries.Filter filter, CurrentUser user, Locale locale) {
        PageResult<CaseService.CaseView> page;
        try {
            page = queries.list(filter, user, new PageRequest(0, PageRequest.MAX_SIZE));
        } catch (CaseProblem e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        List<List<Object>> rows = new ArrayList<>();
        List<CaseService.CaseView> items = new ArrayList<>(page.items());
        for (int p = 1; items.size() < page.total() && p * PageRequest.MAX_SIZE < PageResult.COUNT_LIMIT; p++) {
            items.addAll(queries.list(filter, user, new PageRequest(p, PageRequest.MAX_SIZE)).items());
        }
        for (CaseService.CaseView c : items) {
            rows.add(List.of(c.id(), nz(c.personName()), c.villageCode(), t("campaign.domain." + c.domain(), locale),
                    t("campaign.urgency." + c.urgency(), locale), t("casework.status." + c.status(), locale), CasePageController.when(c.deadline()),
                    c.overdue() ? t("casework.overdue", locale) : "", nz(c.owner()), c.unitCode(), c.description()));
        }
        audit.record("CASE_EXPORT", "case", null, null, AuditLog.Outcome.SUCCESS, rows.size() + " rows");
        return write("cases", t("casework.sheet.cases", locale), head(locale, "casework.col.id", "casework.col.person", "casework.col.village", "casework.col.domain",
                "casework.col.urgency", "casework.col.status", "casework.col.deadline", "casework.overdue", "casework.col.owner",
                "casework.col.unit", "casework.col.description"), rows);
    }

    ResponseEntity<byte[]> timeline(long personId, CurrentUser user, Locale locale) {
        List<CaseQueries.TimelineEntry> entries = queries.timeline(personId, user).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        List<List<Object>> rows = new ArrayList<>();
        for (CaseQueries.TimelineEntry e : entries) {
            rows.add(List.of(CasePageController.when(e.at()), t("casework.timeline.kind." + e.kind(), locale), e.caseId() == null ? "" : e.caseId(),
                    e.action() == null ? "" : t("casework.event." + e.action(), locale), nz(e.actor()), nz(e.text())));
        }
        audit.record("FAMILY_TIMELINE_EXPORT", "person", Long.toString(personId), null, AuditLog.Outcome.SUCCESS, rows.size() + " rows");
        return write("timeline-" + personId, t("casework.sheet.timeline", locale), head(locale, "casework.col.at", "casework.col.kind", "casework.col.id", "casework.col.action",
                "casework.col.actor", "casework.col.text"), rows);
    }

    ResponseEntity<byte[]> inbox(CurrentUser user, String status, Locale locale) {
        List<CaseQueries.InboxItem> items;
        try {
            items = queries.inbox(user, status, null);
        } catch (CaseProblem e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        List<List<Object>> rows = new ArrayList<>();
        for (CaseQueries.InboxItem i : items) {
            rows.add(List.of(i.referralId(), nz(i.departmentName()), nz(i.personName()), Long.toString(i.villageCode()),
                    t("campaign.domain." + i.domain(), locale), i.ask(), i.dueOn().toString(), t("casework.referral.status." + i.status(), locale),
                    i.overdue() ? t("casework.overdue", locale) : "", nz(i.answer())));
        }
        audit.record("REFERRAL_EXPORT", "referral", null, null, AuditLog.Outcome.SUCCESS, rows.size() + " rows");
        return write("referrals", t("casework.sheet.referrals", locale), head(locale, "casework.col.id", "casework.col.department", "casework.col.person", "casework.col.village",
                "casework.col.domain", "casework.col.ask", "casework.col.due", "casework.col.status", "casework.overdue", "casework.col.answer"), rows);
    }

    ResponseEntity<byte[]> policyIssues(RegionCode place, CurrentUser user, Locale locale) {
        List<CaseQueries.PolicyRow> issues = queries.policyIssues(place, user).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        List<List<Object>> rows = new ArrayList<>();
        for (CaseQueries.PolicyRow r : issues) {
            rows.add(List.of(r.id(), t("campaign.domain." + r.domain(), locale), r.title(), Long.toString(r.placeCode()), r.cases(), r.openCases(),
                    r.raisedBy(), CasePageController.when(r.raisedAt())));
        }
        return write("policy-issues-" + place, t("casework.sheet.policyIssues", locale), head(locale, "casework.col.id", "casework.col.domain", "casework.col.title", "casework.col.place",
                "casework.col.cases", "casework.col.openCases", "casework.col.raisedBy", "casework.col.at"), rows);
    }

    private List<List<String>> head(Locale locale, String... keys) {
        List<List<String>> head = new ArrayList<>();
        for (String key : keys) {
            head.add(List.of(t(key, locale)));
        }
        return head;
    }

    /** The file is named {@code name}.xlsx; its one sheet {@code sheet} (in the user's language). */
    private static ResponseEntity<byte[]> write(String name, String sheet, List<List<String>> head, List<List<Object>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FastExcel.write(out).head(head).sheet(sheet).doWrite(neutralised(rows));
        return ResponseEntity.ok().contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".xlsx\"").body(out.toByteArray());
    }

    /** Text typed by users is written as text: a leading = + - @ would make a spreadsheet formula. */
    private static List<List<Object>> neutralised(List<List<Object>> rows) {
        List<List<Object>> safe = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            List<Object> cells = new ArrayList<>(row.size());
            for (Object cell : row) {
                cells.add(cell instanceof String s ? SpreadsheetRows.safeText(s) : cell);
            }
            safe.add(cells);
        }
        return safe;
    }

    private String t(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
