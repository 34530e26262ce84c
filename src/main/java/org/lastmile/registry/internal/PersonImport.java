package org.lastmile.registry.internal;

import cn.idev.excel.FastExcel;
import org.lastmile.access.Action;
import org.lastmile.access.AuditLog;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.Uploads;
import org.lastmile.platform.Jobs;
import org.lastmile.platform.SpreadsheetRows;
import org.lastmile.platform.SpreadsheetRows.Column;
import org.lastmile.registry.IdNumber;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Persons from the spreadsheets counties actually exchange: headers by name and synonyms, codes or
 * words for category and grade, messy characters normalised, legacy 15-digit IDs converted with a
 * warning, ID or certificate cells stored as numbers refused with the fix to make, duplicates within
 * the file refused on the later row, rows outside the importer's scope refused. Existing persons are
 * updated (by ID number) with the import named in their history; each row is stored whole or not at
 * all; the same file again changes nothing.
 */
@Component
class PersonImport {

    static final String KIND = "registry.persons";
    static final List<Column> COLUMNS = List.of(
            new Column("name", true, List.of("姓名", "名字", "name")),
            new Column("idNumber", true, List.of("身份证号", "身份证号码", "公民身份号码", "身份证", "idnumber")),
            new Column("certificateNumber", true, List.of("残疾人证号", "残疾证号", "残疾人证号码", "证号", "certificatenumber")),
            new Column("disabilityCategory", true, List.of("残疾类别", "类别", "disabilitycategory")),
            new Column("disabilityGrade", true, List.of("残疾等级", "等级", "disabilitygrade")),
            new Column("villageCode", true, List.of("村(社区)代码", "村社区代码", "村代码", "社区代码", "区划代码", "villagecode")),
            new Column("components", false, List.of("多重残疾构成", "多重残疾", "components")),
            new Column("phone", false, List.of("联系电话", "手机号码", "手机号", "电话", "phone")),
            new Column("address", false, List.of("住址", "地址", "家庭住址", "address")));
    private static final Map<String, String> HEADERS = new LinkedHashMap<>();
    private static final List<String> CATEGORY_WORDS = List.of("视力", "听力", "言语", "肢体", "智力", "精神", "多重");
    private static final List<String> GRADE_WORDS = List.of("一级", "二级", "三级", "四级");

    static {
        COLUMNS.forEach(c -> HEADERS.put(c.key(), c.names().get(0)));
    }

    private final Jobs jobs;
    private final Uploads uploads;
    private final PersonService persons;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final MessageSource messages;
    private final org.springframework.transaction.support.TransactionTemplate tx;

    /** Rows committed together: one commit per row made the import wait for the disk on every row. */
    static final int CHUNK = 500;

    private final org.springframework.transaction.PlatformTransactionManager transactions;
    private final org.springframework.transaction.support.TransactionTemplate savepoint;

    PersonImport(Jobs jobs, Uploads uploads, PersonService persons, JdbcClient jdbc, AuditLog audit, MessageSource messages,
                 org.springframework.transaction.support.TransactionTemplate tx,
                 org.springframework.transaction.PlatformTransactionManager transactions) {
        this.tx = tx;
        this.transactions = transactions;
        this.savepoint = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_NESTED);
        this.jobs = jobs;
        this.uploads = uploads;
        this.persons = persons;
        this.jdbc = jdbc;
        this.audit = audit;
        this.messages = messages;
    }

    String start(Uploads.Upload upload, CurrentUser user, boolean dryRun, Locale locale) {
        audit.record("IMPORT_START", "upload", upload.id(), null, AuditLog.Outcome.SUCCESS, KIND + (dryRun ? " dry run" : ""));
        return jobs.start(KIND, user.username(), progress -> {
            jdbc.sql("insert into registry_import (job_id, upload_id, filename) values (?::uuid, ?::uuid, ?)")
                    .params(progress.jobId(), upload.id(), upload.filename()).update();
            SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.username(), null, List.of()));
            Map<String, Integer> seen = new HashMap<>();
            // A real run commits every CHUNK rows, each row in a savepoint so that a refused row takes back only itself;
            // a dry run keeps one transaction per row, rolled back, so that its progress and errors stay.
            org.springframework.transaction.TransactionStatus[] chunk = {null};
            int[] inChunk = {0};
            try {
                SpreadsheetRows.read(() -> uploads.open(upload.id()), upload.filename(), COLUMNS, row -> {
                    if (!dryRun && chunk[0] == null) {
                        chunk[0] = transactions.getTransaction(new org.springframework.transaction.support.DefaultTransactionDefinition());
                    }
                    importRow(row, user, dryRun, locale, seen, progress);
                    if (chunk[0] != null && ++inChunk[0] >= CHUNK) {
                        transactions.commit(chunk[0]);
                        chunk[0] = null;
                        inChunk[0] = 0;
                    }
                });
                if (chunk[0] != null) {
                    transactions.commit(chunk[0]);
                    chunk[0] = null;
                }
            } catch (SpreadsheetRows.UnreadableFile e) {
                throw new IllegalArgumentException(messages.getMessage("access.error." + e.code(), new Object[] {e.getMessage()}, locale), e);
            } finally {
                if (chunk[0] != null) {
                    transactions.rollback(chunk[0]);
                }
                SecurityContextHolder.clearContext();
                uploads.release(upload.id());
            }
        });
    }

    private void importRow(SpreadsheetRows.Row row, CurrentUser user, boolean dryRun, Locale locale, Map<String, Integer> seen,
                           Jobs.Progress progress) {
        progress.processed(row.number());
        List<Jobs.RowError> errors = new ArrayList<>();
        for (String key : List.of("idNumber", "certificateNumber")) {
            if (row.cell(key).numeric()) {
                errors.add(error(row.number(), key, "AS_NUMBER", locale));
            }
        }
        Integer category = category(row.cell("disabilityCategory").text());
        Integer grade = grade(row.cell("disabilityGrade").text());
        if (category == null) {
            errors.add(error(row.number(), "disabilityCategory", "CATEGORY_INVALID", locale));
        }
        if (grade == null) {
            errors.add(error(row.number(), "disabilityGrade", "GRADE_INVALID", locale));
        }
        IdNumber.Parsed id = IdNumber.parse(row.cell("idNumber").text());
        if (errors.isEmpty() && id.valid()) {
            Integer first = seen.putIfAbsent(id.number().value(), row.number());
            if (first != null) {
                errors.add(new Jobs.RowError(row.number(), HEADERS.get("idNumber"), "DUPLICATE_IN_FILE",
                        messages.getMessage("registry.error.DUPLICATE_IN_FILE", new Object[] {first}, locale)));
            }
        }
        if (!errors.isEmpty()) {
            reject(errors, progress);
            return;
        }
        if (id.convertedFrom15()) {
            progress.rowError(new Jobs.RowError(row.number(), HEADERS.get("idNumber"), "ID_CONVERTED_FROM_15",
                    messages.getMessage("registry.error.ID_CONVERTED_FROM_15", new Object[] {id.number().value()}, locale)));
            progress.count("warnings", 1);
        }
        String idText = id.valid() ? id.number().value() : row.cell("idNumber").text();
        String certificate = id.convertedFrom15() && row.cell("certificateNumber").text().length() == 17
                ? id.number().value() + row.cell("certificateNumber").text().substring(15) : row.cell("certificateNumber").text();
        PersonForm form = new PersonForm(row.cell("name").text(), idText, certificate, category, grade, row.cell("villageCode").text(),
                blank(row.cell("phone").text()), blank(row.cell("address").text()), null, null, null,
                components(row.cell("components").text()));
        try {
            Optional<PersonRecord> existing = id.valid() ? persons.findByIdNumber(id.number()).flatMap(persons::load) : Optional.empty();
            if (existing.isPresent() && user.scope(Action.PERSON_EDIT).contains(existing.get().villageCode())) {
                PersonRecord current = existing.get();
                if (!Objects.equals(IdNumber.normalise(form.villageCode()), Long.toString(current.villageCode()))) {
                    throw new PersonProblem(PersonProblem.Kind.INVALID, List.of(new PersonProblem.FieldProblem("villageCode", "USE_TRANSFER")), null);
                }
                PersonForm changes = new PersonForm(form.name(), null, form.certificateNumber(), category, grade, null, form.phone(),
                        form.address(), null, null, null, form.disabilityComponents());
                PersonRecord after = inTransaction(dryRun, () -> persons.update(current.id(), changes, current.version(), user, "IMPORT"));
                progress.count(after.version() == current.version() ? "unchanged" : "updated", 1);
                return;
            }
            inTransaction(dryRun, () -> persons.register(form, user, "IMPORT"));
            progress.count("imported", 1);
        } catch (PersonProblem e) {
            List<Jobs.RowError> refused = new ArrayList<>();
            List<PersonProblem.FieldProblem> problems = e.problems().isEmpty()
                    ? List.of(new PersonProblem.FieldProblem("idNumber", e.kind().name())) : e.problems();
            for (PersonProblem.FieldProblem p : problems) {
                refused.add(new Jobs.RowError(row.number(), HEADERS.get(p.field()), p.code(),
                        messages.getMessage("registry.error." + p.code(), p.args(), p.code(), locale)));
            }
            reject(refused, progress);
        }
    }

    /** The rejected rows of an import job (of persons or of a department's list), as they were, with the reasons beside them. */
    boolean writeRejectedRows(String jobId, List<Column> columns, OutputStream out, Locale locale) {
        Optional<Map<String, Object>> source = jdbc.sql("select upload_id::text as upload, filename from registry_import where job_id = ?::uuid")
                .param(jobId).query().listOfRows().stream().findFirst();
        if (source.isEmpty()) {
            return false;
        }
        Map<Integer, List<String>> reasons = new HashMap<>();
        jobs.errors(jobId, 100_000).forEach(e -> reasons.computeIfAbsent(e.row(), r -> new ArrayList<>()).add(e.message()));
        List<List<String>> head = new ArrayList<>();
        columns.forEach(c -> head.add(List.of(c.names().get(0))));
        head.add(List.of(messages.getMessage("registry.import.reason", null, locale)));
        List<List<Object>> rows = new ArrayList<>();
        SpreadsheetRows.read(() -> uploads.open((String) source.get().get("upload")), (String) source.get().get("filename"), columns, row -> {
            List<String> why = reasons.get(row.number());
            if (why != null) {
                List<Object> cells = new ArrayList<>();
                columns.forEach(c -> cells.add(row.cell(c.key()).text()));
                cells.add(String.join("；", why));
                rows.add(cells);
            }
        });
        FastExcel.write(out).head(head).sheet("rejected").doWrite(rows);
        return true;
    }

    /** A dry run does all the work and checks, then rolls back. */
    private PersonRecord inTransaction(boolean dryRun, java.util.function.Supplier<PersonRecord> work) {
        return (dryRun ? tx : savepoint).execute(status -> {
            PersonRecord result = work.get();
            if (dryRun) {
                status.setRollbackOnly();
            }
            return result;
        });
    }

    private void reject(List<Jobs.RowError> errors, Jobs.Progress progress) {
        errors.forEach(progress::rowError);
        progress.count("rejected", 1);
    }

    private Jobs.RowError error(int row, String key, String code, Locale locale) {
        return new Jobs.RowError(row, HEADERS.get(key), code, messages.getMessage("registry.error." + code, null, locale));
    }

    static Integer category(String text) {
        String value = SpreadsheetRows.normalise(text).replace("残疾", "");
        if (value.matches("[1-7]")) {
            return Integer.parseInt(value);
        }
        int index = CATEGORY_WORDS.indexOf(value);
        return index < 0 ? null : index + 1;
    }

    private static final java.util.regex.Pattern COMPONENT = java.util.regex.Pattern.compile(
            "(视力|听力|言语|肢体|智力|精神|[1-6])(?:残疾)?\\s*[-:：]?\\s*(一级|二级|三级|四级|[1-4])级?");

    /** The parts of a multiple disability written as words or codes: 肢体二级、言语三级, or 4-2;3-3. Null when blank. */
    static List<PersonForm.Component> components(String text) {
        String value = SpreadsheetRows.normalise(text);
        if (value.isEmpty()) {
            return null;
        }
        List<PersonForm.Component> parts = new ArrayList<>();
        for (String item : value.split("[;,、，；/]")) {
            java.util.regex.Matcher m = COMPONENT.matcher(item.strip());
            if (!m.matches()) {
                return List.of(new PersonForm.Component(null, null)); // reported as COMPONENTS_INVALID
            }
            parts.add(new PersonForm.Component(category(m.group(1)), grade(m.group(2))));
        }
        return parts;
    }

    static Integer grade(String text) {
        String value = SpreadsheetRows.normalise(text);
        if (value.matches("[1-4](级)?")) {
            return value.charAt(0) - '0';
        }
        int index = GRADE_WORDS.indexOf(value);
        return index < 0 ? null : index + 1;
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
