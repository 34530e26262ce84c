package org.lastmile.registry.internal;

import cn.idev.excel.ExcelWriter;
import cn.idev.excel.FastExcel;
import cn.idev.excel.write.metadata.WriteSheet;
import org.lastmile.access.Action;
import org.lastmile.access.AuditLog;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.Masking;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The current search as .xlsx, streamed row by row from a database cursor into a streaming workbook
 * (never built in memory), masked unless a reveal with a purpose is asked for (and then only for rows
 * the user may read in full), every cell a spreadsheet would run as a formula neutralised, continued
 * on further sheets past a sheet's 1,048,576 rows, and audited.
 */
@Component
class PersonExport {

    static final Set<String> REVEALABLE = Set.of("idNumber", "certificateNumber", "phone");
    static final int ROWS_PER_SHEET = 1_048_575;
    private static final int BATCH = 1000;

    private final JdbcClient jdbc;
    private final PersonSearch search;
    private final PersonService persons;
    private final AuditLog audit;
    private final MessageSource messages;
    private final TransactionTemplate tx;

    PersonExport(JdbcClient jdbc, PersonSearch search, PersonService persons, AuditLog audit, MessageSource messages, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.search = search;
        this.persons = persons;
        this.audit = audit;
        this.messages = messages;
        this.tx = tx;
    }

    /** Checks a reveal before anything is streamed: known fields, a purpose, a role that reads persons in full. */
    void checkReveal(Set<String> reveal, String purpose, CurrentUser user) {
        List<PersonProblem.FieldProblem> problems = new ArrayList<>();
        if (!REVEALABLE.containsAll(reveal)) {
            problems.add(new PersonProblem.FieldProblem("reveal", "CHOICE_INVALID"));
        }
        if (!reveal.isEmpty() && (purpose == null || purpose.isBlank() || purpose.length() > 200)) {
            problems.add(new PersonProblem.FieldProblem("purpose", "PURPOSE_REQUIRED"));
        }
        if (!reveal.isEmpty() && user.scope(Action.PERSON_READ).isEmpty()) {
            problems.add(new PersonProblem.FieldProblem("reveal", "REVEAL_NOT_ALLOWED"));
        }
        if (!problems.isEmpty()) {
            throw new PersonProblem(PersonProblem.Kind.INVALID, problems, null);
        }
    }

    void write(PersonSearch.Filter filter, CurrentUser user, Set<String> reveal, String purpose, OutputStream out, Locale locale) {
        PersonSearch.Query query = search.query(filter, user);
        var fullScope = user.scope(Action.PERSON_READ);
        List<List<String>> head = new ArrayList<>();
        for (String key : List.of("name", "idNumber", "certificateNumber", "sex", "birthDate", "disability", "village", "phone", "address",
                "lifeStatus")) {
            head.add(List.of(messages.getMessage("registry.field." + key, null, locale)));
        }
        long[] written = {0};
        ExcelWriter writer = FastExcel.write(out).head(head).autoCloseStream(false).build();
        try {
            tx.executeWithoutResult(status -> {
                List<List<Object>> batch = new ArrayList<>(BATCH);
                WriteSheet[] sheet = {FastExcel.writerSheet(0, sheetName(locale, 1)).build()};
                jdbc.sql("select * from registry_person where " + query.where() + " order by village_code, id")
                        .params(query.params()).withFetchSize(BATCH)
                        .query(rs -> {
                            PersonRecord p = persons.row(rs, 0);
                            boolean full = fullScope.contains(p.villageCode());
                            batch.add(List.of(safe(p.name()),
                                    full && reveal.contains("idNumber") ? p.idNumber() : Masking.idNumber(p.idNumber()),
                                    full && reveal.contains("certificateNumber") ? p.certificateNumber() : Masking.certificateNumber(p.certificateNumber()),
                                    messages.getMessage("registry.sex." + p.sex(), null, locale), p.birthDate().toString(),
                                    messages.getMessage("registry.category." + p.category(), null, locale) + " "
                                            + messages.getMessage("registry.grade." + p.grade(), null, locale),
                                    Long.toString(p.villageCode()),
                                    p.phone() == null ? "" : full && reveal.contains("phone") ? p.phone() : Masking.phone(p.phone()),
                                    safe(p.address()), messages.getMessage("registry.lifeStatus." + p.lifeStatus(), null, locale)));
                            written[0]++;
                            if (batch.size() == BATCH) {
                                flush(writer, batch, sheet, written[0], locale);
                            }
                        });
                flush(writer, batch, sheet, written[0], locale);
            });
        } finally {
            writer.finish();
        }
        audit.record("PERSON_EXPORT", "person", null, reveal.isEmpty() ? null : purpose, AuditLog.Outcome.SUCCESS,
                written[0] + " rows" + (reveal.isEmpty() ? ", masked" : ", revealed " + String.join(",", reveal)));
    }

    /** Writes the batch, moving to a new sheet at a sheet's row limit. */
    private void flush(ExcelWriter writer, List<List<Object>> batch, WriteSheet[] sheet, long written, Locale locale) {
        if (batch.isEmpty()) {
            return;
        }
        long before = written - batch.size();
        int sheetNumber = (int) (before / ROWS_PER_SHEET) + 1;
        int room = (int) (ROWS_PER_SHEET - before % ROWS_PER_SHEET);
        if (batch.size() > room) {
            writer.write(new ArrayList<>(batch.subList(0, room)), sheet[0]);
            sheet[0] = FastExcel.writerSheet(sheetNumber, sheetName(locale, sheetNumber + 1)).build();
            writer.write(new ArrayList<>(batch.subList(room, batch.size())), sheet[0]);
        } else {
            writer.write(new ArrayList<>(batch), sheet[0]);
        }
        batch.clear();
    }

    private String sheetName(Locale locale, int number) {
        return messages.getMessage("registry.template.sheet", null, locale) + number;
    }

    /** A cell that starts like a formula is written as text, so that opening the file never runs it. */
    static String safe(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + text : text;
    }
}
