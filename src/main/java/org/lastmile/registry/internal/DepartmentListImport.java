package org.lastmile.registry.internal;

import org.lastmile.access.Action;
import org.lastmile.access.AuditLog;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.Uploads;
import org.lastmile.platform.Jobs;
import org.lastmile.platform.SpreadsheetRows;
import org.lastmile.platform.SpreadsheetRows.Column;
import org.lastmile.registry.HouseholdTag;
import org.lastmile.registry.IdNumber;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Lists that counties receive from other departments (civil affairs' 低保 and 特困 rolls, the monitored
 * households, poverty files, death records): each row an ID number, a status and a date, and whether
 * the status is added or ended. A status that is a household tag sets or clears the tag (with the list
 * as its source); a death sets the life status. Same row errors, dry run and history as the person
 * import; a row about someone not registered in the importer's places is refused without saying more.
 */
@Component
class DepartmentListImport {

    static final String KIND = "registry.department-list";
    static final List<Column> COLUMNS = List.of(
            new Column("idNumber", true, List.of("身份证号", "身份证号码", "公民身份号码", "身份证", "idnumber")),
            new Column("status", true, List.of("状态", "类别", "人员类别", "名单类别", "救助类别", "status")),
            new Column("date", false, List.of("日期", "认定日期", "起始日期", "纳入日期", "退出日期", "死亡日期", "date")),
            new Column("change", false, List.of("变动", "变动类型", "增减", "操作", "change")),
            new Column("name", false, List.of("姓名", "名字", "name")));
    private static final Map<String, String> HEADERS = new LinkedHashMap<>();
    static final String DECEASED = "DECEASED";
    private static final Map<String, String> STATUS_WORDS = new LinkedHashMap<>();
    private static final List<String> ENDING = List.of("取消", "退出", "减少", "清除", "移出", "停保", "减", "-");
    private static final List<String> ADDING = List.of("", "新增", "纳入", "增加", "设置", "在保", "增", "+");
    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ofPattern("yyyy/M/d"),
            DateTimeFormatter.ofPattern("yyyy.M.d"), DateTimeFormatter.ofPattern("yyyyMMdd"), DateTimeFormatter.ofPattern("yyyy-M-d"),
            DateTimeFormatter.ofPattern("yyyy年M月d日"));

    static {
        COLUMNS.forEach(c -> HEADERS.put(c.key(), c.names().get(0)));
        STATUS_WORDS.put("低保", "DIBAO");
        STATUS_WORDS.put("最低生活保障", "DIBAO");
        STATUS_WORDS.put("特困", "TEKUN");
        STATUS_WORDS.put("特困供养", "TEKUN");
        STATUS_WORDS.put("特困人员", "TEKUN");
        STATUS_WORDS.put("建档立卡", "REGISTERED_POOR");
        STATUS_WORDS.put("建档立卡贫困户", "REGISTERED_POOR");
        STATUS_WORDS.put("未脱贫", "REGISTERED_POOR");
        STATUS_WORDS.put("防返贫监测", "MONITORED");
        STATUS_WORDS.put("监测对象", "MONITORED");
        STATUS_WORDS.put("监测户", "MONITORED");
        STATUS_WORDS.put("边缘户", "EDGE_HOUSEHOLD");
        STATUS_WORDS.put("低保边缘", "EDGE_HOUSEHOLD");
        STATUS_WORDS.put("低保边缘户", "EDGE_HOUSEHOLD");
        STATUS_WORDS.put("孤残", "ORPHAN_DISABLED");
        STATUS_WORDS.put("病残", "SICK_DISABLED");
        STATUS_WORDS.put("死亡", DECEASED);
        STATUS_WORDS.put("去世", DECEASED);
        STATUS_WORDS.put("已故", DECEASED);
    }

    private final Jobs jobs;
    private final Uploads uploads;
    private final PersonService persons;
    private final HouseholdService households;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final MessageSource messages;
    private final TransactionTemplate tx;

    DepartmentListImport(Jobs jobs, Uploads uploads, PersonService persons, HouseholdService households, JdbcClient jdbc, AuditLog audit,
                         MessageSource messages, TransactionTemplate tx) {
        this.jobs = jobs;
        this.uploads = uploads;
        this.persons = persons;
        this.households = households;
        this.jdbc = jdbc;
        this.audit = audit;
        this.messages = messages;
        this.tx = tx;
    }

    /** Checks the list's source (what the list is, e.g. "民政低保名单 2026-11") before anything is stored. */
    static void checkSource(String source) {
        if (source == null || source.isBlank() || source.strip().length() > 40) {
            throw new PersonProblem(PersonProblem.Kind.INVALID, List.of(new PersonProblem.FieldProblem("source", "SOURCE_REQUIRED")), null);
        }
    }

    String start(Uploads.Upload upload, String source, CurrentUser user, boolean dryRun, Locale locale) {
        checkSource(source);
        String listSource = source.strip();
        audit.record("IMPORT_START", "upload", upload.id(), null, AuditLog.Outcome.SUCCESS, KIND + " " + listSource + (dryRun ? " dry run" : ""));
        return jobs.start(KIND, user.username(), progress -> {
            jdbc.sql("insert into registry_import (job_id, upload_id, filename) values (?::uuid, ?::uuid, ?)")
                    .params(progress.jobId(), upload.id(), upload.filename()).update();
            SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.username(), null, List.of()));
            Map<String, Integer> seen = new HashMap<>();
            try {
                SpreadsheetRows.read(() -> uploads.open(upload.id()), upload.filename(), COLUMNS,
                        row -> importRow(row, listSource, user, dryRun, locale, seen, progress));
            } catch (SpreadsheetRows.UnreadableFile e) {
                throw new IllegalArgumentException(messages.getMessage("access.error." + e.code(), new Object[] {e.getMessage()}, locale), e);
            } finally {
                SecurityContextHolder.clearContext();
                uploads.release(upload.id());
            }
        });
    }

    private void importRow(SpreadsheetRows.Row row, String source, CurrentUser user, boolean dryRun, Locale locale, Map<String, Integer> seen,
                           Jobs.Progress progress) {
        progress.processed(row.number());
        List<Jobs.RowError> errors = new ArrayList<>();
        if (row.cell("idNumber").numeric()) {
            errors.add(error(row.number(), "idNumber", "AS_NUMBER", locale));
        }
        IdNumber.Parsed id = IdNumber.parse(row.cell("idNumber").text());
        if (!id.valid() && errors.isEmpty()) {
            errors.add(error(row.number(), "idNumber", id.problem().name(), locale));
        }
        String status = status(row.cell("status").text());
        if (status == null) {
            errors.add(error(row.number(), "status", "LIST_STATUS_UNKNOWN", locale));
        }
        Boolean adding = adding(row.cell("change").text());
        if (adding == null || DECEASED.equals(status) && !adding) {
            errors.add(error(row.number(), "change", "LIST_CHANGE_UNKNOWN", locale));
        }
        Optional<LocalDate> date = date(row.cell("date").text());
        if (date == null) {
            errors.add(error(row.number(), "date", "DATE_INVALID", locale));
        } else if (date.isEmpty() && Boolean.TRUE.equals(adding)) {
            errors.add(error(row.number(), "date", "DATE_REQUIRED", locale));
        } else if (date.isPresent() && date.get().isAfter(LocalDate.now())) {
            errors.add(error(row.number(), "date", "DATE_IN_FUTURE", locale));
        }
        if (errors.isEmpty()) {
            Integer first = seen.putIfAbsent(id.number().value() + "/" + status, row.number());
            if (first != null) {
                errors.add(new Jobs.RowError(row.number(), HEADERS.get("idNumber"), "DUPLICATE_IN_FILE",
                        messages.getMessage("registry.error.DUPLICATE_IN_FILE", new Object[] {first}, locale)));
            }
        }
        Optional<PersonRecord> person = errors.isEmpty()
                ? persons.findByIdNumber(id.number()).flatMap(persons::load).filter(p -> user.scope(Action.PERSON_EDIT).contains(p.villageCode()))
                : Optional.empty();
        if (errors.isEmpty() && person.isEmpty()) {
            errors.add(error(row.number(), "idNumber", "NOT_IN_YOUR_REGISTER", locale));
        }
        if (!errors.isEmpty()) {
            errors.forEach(progress::rowError);
            progress.count("rejected", 1);
            return;
        }
        String name = row.cell("name").text();
        if (!name.isBlank() && !org.lastmile.registry.PersonNames.normalise(name).equals(person.get().name())) {
            progress.rowError(new Jobs.RowError(row.number(), HEADERS.get("name"), "NAME_DIFFERS",
                    messages.getMessage("registry.error.NAME_DIFFERS", new Object[] {person.get().name()}, locale)));
            progress.count("warnings", 1);
        }
        try {
            boolean changed = Boolean.TRUE.equals(tx.execute(state -> {
                boolean result = apply(person.get(), status, adding, date.orElse(null), source, user);
                if (dryRun) {
                    state.setRollbackOnly();
                }
                return result;
            }));
            progress.count(changed ? "applied" : "unchanged", 1);
        } catch (PersonProblem e) {
            for (PersonProblem.FieldProblem p : e.problems()) {
                progress.rowError(new Jobs.RowError(row.number(), HEADERS.getOrDefault(p.field(), HEADERS.get("date")), p.code(),
                        messages.getMessage("registry.error." + p.code(), p.args(), p.code(), locale)));
            }
            progress.count("rejected", 1);
        }
    }

    /** Sets or ends the status; returns whether anything changed (the same list again changes nothing). */
    private boolean apply(PersonRecord person, String status, boolean adding, LocalDate on, String source, CurrentUser user) {
        if (DECEASED.equals(status)) {
            if (DECEASED.equals(person.lifeStatus()) && on.equals(person.lifeStatusOn())) {
                return false;
            }
            persons.changeLifeStatus(person.id(), DECEASED, on, source, user, "IMPORT");
            return true;
        }
        HouseholdTag tag = HouseholdTag.valueOf(status);
        Optional<HouseholdService.Tag> current = households.ofPerson(person.id())
                .flatMap(h -> h.tags().stream().filter(t -> t.tag() == tag).findFirst());
        if (adding) {
            if (current.isPresent() && current.get().since().equals(on) && current.get().source().equals(source)) {
                return false;
            }
            households.setTag(households.ofPersonOrNew(person, user).id(), tag.name(), on, source, user);
            persons.noteHistory(person.id(), user, "IMPORT", "TAG_SET", Map.of("tag", tag.name(), "since", on.toString(), "source", source));
            return true;
        }
        if (current.isEmpty()) {
            return false;
        }
        households.clearTag(households.ofPerson(person.id()).orElseThrow().id(), tag.name(), user);
        persons.noteHistory(person.id(), user, "IMPORT", "TAG_CLEARED", Map.of("tag", tag.name(), "source", source));
        return true;
    }

    /** A status as words the departments use, or as the tag's code; null when unknown. */
    static String status(String text) {
        String value = SpreadsheetRows.normalise(text);
        if (STATUS_WORDS.containsKey(value)) {
            return STATUS_WORDS.get(value);
        }
        String code = value.toUpperCase(Locale.ROOT);
        if (code.equals(DECEASED)) {
            return DECEASED;
        }
        try {
            return HouseholdTag.valueOf(code).name();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** True to add (the default), false to end; null when unreadable. */
    static Boolean adding(String text) {
        String value = SpreadsheetRows.normalise(text);
        if (ADDING.contains(value)) {
            return true;
        }
        return ENDING.contains(value) ? false : null;
    }

    /** A date as written in lists (2026-11-03, 2026/11/3, 20261103, 2026年11月3日, or a spreadsheet's day number); null when unreadable. */
    static Optional<LocalDate> date(String text) {
        String value = SpreadsheetRows.normalise(text);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.matches("\\d{5}")) {
            return Optional.of(LocalDate.of(1899, 12, 30).plusDays(Long.parseLong(value)));
        }
        for (DateTimeFormatter format : DATES) {
            try {
                return Optional.of(LocalDate.parse(value.length() > 10 && value.contains(" ") ? value.substring(0, value.indexOf(' ')) : value, format));
            } catch (DateTimeParseException e) {
                // try the next way of writing a date
            }
        }
        return null;
    }

    private Jobs.RowError error(int row, String key, String code, Locale locale) {
        return new Jobs.RowError(row, HEADERS.get(key), code, messages.getMessage("registry.error." + code, null, code, locale));
    }
}
