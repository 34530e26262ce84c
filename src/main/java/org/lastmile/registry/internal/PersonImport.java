package org.lastmile.registry.internal;

import cn.idev.excel.FastExcel;
import org.lastmile.access.Action;
import org.lastmile.access.AuditLog;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.Uploads;
import org.lastmile.platform.Jobs;
import org.lastmile.platform.SpreadsheetRows;
import org.lastmile.platform.SpreadsheetRows.Column;
import org.lastmile.region.Region;
import org.lastmile.region.RegionCode;
import org.lastmile.region.Regions;
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

    /**
     * Rows stored together: the new persons of a chunk go in with one statement and one commit (row by row, an import
     * waited for the disk and the network on every row: 554 rows a second).
     */
    static final int CHUNK = 1000;

    private final org.springframework.transaction.support.TransactionTemplate savepoint;
    private final Regions regions;

    PersonImport(Jobs jobs, Uploads uploads, PersonService persons, JdbcClient jdbc, AuditLog audit, MessageSource messages,
                 org.springframework.transaction.support.TransactionTemplate tx,
                 org.springframework.transaction.PlatformTransactionManager transactions, Regions regions) {
        this.tx = tx;
        this.regions = regions;
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
            // The file's ID numbers so far, each as the number of its first 17 digits (the 18th follows from them): about half
            // the memory of the strings, which for a million rows was half of the 256 MB heap the import is measured with.
            Map<Long, Integer> seen = new HashMap<>();
            Map<RegionCode, Optional<Region>> villages = new HashMap<>();
            Chunk chunk = new Chunk(user, dryRun, locale, progress, code -> villages.computeIfAbsent(code, regions::find));
            try {
                SpreadsheetRows.read(() -> uploads.open(upload.id()), upload.filename(), COLUMNS, row -> {
                    checkRow(row, chunk, seen);
                    if (chunk.rows.size() >= CHUNK) {
                        store(chunk);
                    }
                });
                store(chunk);
            } catch (SpreadsheetRows.UnreadableFile e) {
                throw new IllegalArgumentException(messages.getMessage("access.error." + e.code(), new Object[] {e.getMessage()}, locale), e);
            } finally {
                SecurityContextHolder.clearContext();
                uploads.release(upload.id());
            }
        });
    }

    /** The rows read and checked since the last store, with what every row of the job needs. */
    private static final class Chunk {
        final CurrentUser user;
        final boolean dryRun;
        final Locale locale;
        final Jobs.Progress progress;
        final java.util.function.Function<RegionCode, Optional<Region>> villages;
        final List<Checked> rows = new ArrayList<>();

        Chunk(CurrentUser user, boolean dryRun, Locale locale, Jobs.Progress progress,
              java.util.function.Function<RegionCode, Optional<Region>> villages) {
            this.user = user;
            this.dryRun = dryRun;
            this.locale = locale;
            this.progress = progress;
            this.villages = villages;
        }
    }

    /**
     * A row that passed the checks of its own cells: a change to the person of that ID number, or a new person, whom
     * {@code person} is (checked as a registration) or {@code refused} says why not. Which of the two only the chunk's
     * lookup tells: a registered person's row is checked as an update instead.
     */
    private record Checked(int row, PersonForm form, IdNumber idNumber, PersonService.NewPerson person, PersonProblem refused) {
    }

    /**
     * Stores a chunk in one transaction: persons already registered row by row (an update in scope, or the refusal
     * register gives), the new ones in one statement with their history. A dry run rolls back what it stored and
     * keeps the counts and refusals.
     */
    private void store(Chunk chunk) {
        if (chunk.rows.isEmpty()) {
            return;
        }
        List<Checked> rows = List.copyOf(chunk.rows);
        chunk.rows.clear();
        tx.executeWithoutResult(status -> {
            Map<String, Long> existing = persons.findByIdNumbers(rows.stream().map(Checked::idNumber).toList());
            List<Checked> fresh = new ArrayList<>();
            for (Checked row : rows) {
                if (existing.containsKey(row.idNumber().value())) {
                    storeOne(row, existing.get(row.idNumber().value()), chunk);
                } else if (row.refused() != null) {
                    refuse(row.row(), row.refused(), chunk);
                } else {
                    fresh.add(row);
                }
            }
            if (!fresh.isEmpty()) {
                Map<String, Long> stored = savepoint.execute(s -> {
                    Map<String, Long> ids = persons.insertAll(fresh.stream().map(Checked::person).toList(), chunk.user, "IMPORT");
                    if (chunk.dryRun) {
                        s.setRollbackOnly();
                    }
                    return ids;
                });
                for (Checked row : fresh) {
                    if (stored.containsKey(row.person().idNumber().value())) {
                        chunk.progress.count("imported", 1);
                    } else {
                        // Registered by someone else while this chunk was read: answered as register answers it.
                        storeOne(row, null, chunk);
                    }
                }
                if (!chunk.dryRun && !stored.isEmpty()) {
                    // As a single registration: one record per person created, naming the import job.
                    audit.recordEach("PERSON_CREATE", "person", stored.values().stream().map(String::valueOf).toList(), null,
                            AuditLog.Outcome.SUCCESS, "IMPORT " + chunk.progress.jobId());
                }
            }
        });
    }

    /** One row the set-based insert cannot take: an update of the person of that ID number, or register's refusal. */
    private void storeOne(Checked row, Long existingId, Chunk chunk) {
        PersonForm form = row.form();
        try {
            Optional<PersonRecord> existing = existingId == null ? persons.findByIdNumber(row.idNumber()).flatMap(persons::load)
                    : persons.load(existingId);
            if (existing.isPresent() && chunk.user.scope(Action.PERSON_EDIT).contains(existing.get().villageCode())) {
                PersonRecord current = existing.get();
                if (!Objects.equals(IdNumber.normalise(form.villageCode()), Long.toString(current.villageCode()))) {
                    throw new PersonProblem(PersonProblem.Kind.INVALID, List.of(new PersonProblem.FieldProblem("villageCode", "USE_TRANSFER")), null);
                }
                PersonForm changes = new PersonForm(form.name(), null, form.certificateNumber(), form.disabilityCategory(),
                        form.disabilityGrade(), null, form.phone(), form.address(), null, null, null, form.disabilityComponents());
                PersonRecord after = inTransaction(chunk.dryRun, () -> persons.update(current.id(), changes, current.version(), chunk.user, "IMPORT"));
                chunk.progress.count(after.version() == current.version() ? "unchanged" : "updated", 1);
                return;
            }
            inTransaction(chunk.dryRun, () -> persons.register(form, chunk.user, "IMPORT"));
            chunk.progress.count("imported", 1);
        } catch (PersonProblem e) {
            refuse(row.row(), e, chunk);
        }
    }

    private void refuse(int row, PersonProblem e, Chunk chunk) {
        List<Jobs.RowError> refused = new ArrayList<>();
        List<PersonProblem.FieldProblem> problems = e.problems().isEmpty()
                ? List.of(new PersonProblem.FieldProblem("idNumber", e.kind().name())) : e.problems();
        for (PersonProblem.FieldProblem p : problems) {
            refused.add(new Jobs.RowError(row, HEADERS.get(p.field()), p.code(),
                    messages.getMessage("registry.error." + p.code(), p.args(), p.code(), chunk.locale)));
        }
        reject(refused, chunk.progress);
    }

    /** The checks of a row on its own (cells, codes, duplicates within the file, the person's fields); a row that passes waits in the chunk. */
    private void checkRow(SpreadsheetRows.Row row, Chunk chunk, Map<Long, Integer> seen) {
        Jobs.Progress progress = chunk.progress;
        Locale locale = chunk.locale;
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
            Integer first = seen.putIfAbsent(Long.parseLong(id.number().value().substring(0, 17)), row.number());
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
        if (!id.valid()) {
            // No one to look up: refused with everything a registration finds wrong in the row.
            try {
                persons.check(form, chunk.user, chunk.villages);
            } catch (PersonProblem e) {
                refuse(row.number(), e, chunk);
            }
            return;
        }
        try {
            chunk.rows.add(new Checked(row.number(), form, id.number(), persons.check(form, chunk.user, chunk.villages), null));
        } catch (PersonProblem e) {
            chunk.rows.add(new Checked(row.number(), form, id.number(), null, e));
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

    /** A row in a savepoint of the chunk's transaction, so that a refused row takes back only itself; a dry run rolls it back. */
    private PersonRecord inTransaction(boolean dryRun, java.util.function.Supplier<PersonRecord> work) {
        return savepoint.execute(status -> {
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
