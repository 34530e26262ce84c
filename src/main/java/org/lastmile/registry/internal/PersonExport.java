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

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
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
public class PersonExport {

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

    /** The file types an export is written as: a workbook, or CSV (UTF-8 with a byte-order mark) for other systems and past a workbook's size. */
    public enum Format {
        XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        CSV("csv", "text/csv;charset=UTF-8");

        final String extension;
        final String mediaType;

        Format(String extension, String mediaType) {
            this.extension = extension;
            this.mediaType = mediaType;
        }

        static Format of(String name) {
            if (name == null || name.isBlank()) {
                return XLSX;
            }
            try {
                return valueOf(name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new PersonProblem(PersonProblem.Kind.INVALID, List.of(new PersonProblem.FieldProblem("format", "CHOICE_INVALID")), null);
            }
        }
    }

    /** Where the rows go, one at a time. */
    private interface Sink {
        void row(List<String> cells) throws IOException;

        void finish() throws IOException;
    }

    void write(PersonSearch.Filter filter, CurrentUser user, Set<String> reveal, String purpose, OutputStream out, Locale locale) {
        write(filter, user, reveal, purpose, Format.XLSX, out, locale, written -> { });
    }

    /** Writes the rows of the search; {@code progress} hears the number written so far, every thousand rows. Returns the rows written. */
    long write(PersonSearch.Filter filter, CurrentUser user, Set<String> reveal, String purpose, Format format, OutputStream out, Locale locale,
               LongConsumer progress) {
        PersonSearch.Query query = search.query(filter, user);
        var fullScope = user.scope(Action.PERSON_READ);
        List<String> head = new ArrayList<>();
        for (String key : List.of("name", "idNumber", "certificateNumber", "sex", "birthDate", "disability", "village", "phone", "address",
                "lifeStatus")) {
            head.add(messages.getMessage("registry.field." + key, null, locale));
        }
        long[] written = {0};
        try {
            Sink sink = format == Format.CSV ? csv(out, head) : xlsx(out, head, locale);
            try {
                tx.executeWithoutResult(status -> jdbc.sql("select * from registry_person where " + query.where() + " order by village_code, id")
                        .params(query.params()).withFetchSize(BATCH)
                        .query(rs -> {
                            PersonRecord p = persons.row(rs, 0);
                            boolean full = fullScope.contains(p.villageCode());
                            try {
                                sink.row(List.of(safe(p.name()),
                                        full && reveal.contains("idNumber") ? p.idNumber() : Masking.idNumber(p.idNumber()),
                                        full && reveal.contains("certificateNumber") ? p.certificateNumber() : Masking.certificateNumber(p.certificateNumber()),
                                        messages.getMessage("registry.sex." + p.sex(), null, locale), p.birthDate().toString(),
                                        messages.getMessage("registry.category." + p.category(), null, locale) + " "
                                                + messages.getMessage("registry.grade." + p.grade(), null, locale),
                                        Long.toString(p.villageCode()),
                                        p.phone() == null ? "" : full && reveal.contains("phone") ? p.phone() : Masking.phone(p.phone()),
                                        safe(p.address()), messages.getMessage("registry.lifeStatus." + p.lifeStatus(), null, locale)));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                            if (++written[0] % BATCH == 0) {
                                progress.accept(written[0]);
                            }
                        }));
            } finally {
                sink.finish();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        progress.accept(written[0]);
        audit.record("PERSON_EXPORT", "person", null, reveal.isEmpty() ? null : purpose, AuditLog.Outcome.SUCCESS,
                written[0] + " rows as " + format + (reveal.isEmpty() ? ", masked" : ", revealed " + String.join(",", reveal)));
        return written[0];
    }

    /** A streaming workbook: rows go out in batches, and on to a further sheet at a sheet's row limit. */
    private Sink xlsx(OutputStream out, List<String> head, Locale locale) {
        ExcelWriter writer = FastExcel.write(out).head(head.stream().map(List::of).toList()).autoCloseStream(false).build();
        List<List<Object>> batch = new ArrayList<>(BATCH);
        WriteSheet[] sheet = {FastExcel.writerSheet(0, sheetName(locale, 1)).build()};
        long[] written = {0};
        return new Sink() {
            @Override
            public void row(List<String> cells) {
                batch.add(new ArrayList<>(cells));
                written[0]++;
                if (batch.size() == BATCH) {
                    flush(writer, batch, sheet, written[0], locale);
                }
            }

            @Override
            public void finish() {
                try {
                    flush(writer, batch, sheet, written[0], locale);
                } finally {
                    writer.finish();
                }
            }
        };
    }

    /** CSV in UTF-8 with a byte-order mark, so that a spreadsheet opens the Chinese text correctly. */
    private static Sink csv(OutputStream out, List<String> head) throws IOException {
        Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        text.write('\uFEFF');
        CSVPrinter printer = new CSVPrinter(text, CSVFormat.RFC4180);
        printer.printRecord(head);
        return new Sink() {
            @Override
            public void row(List<String> cells) throws IOException {
                printer.printRecord(cells);
            }

            @Override
            public void finish() throws IOException {
                printer.flush();
            }
        };
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
        return org.lastmile.platform.SpreadsheetRows.safeText(text);
    }
}
