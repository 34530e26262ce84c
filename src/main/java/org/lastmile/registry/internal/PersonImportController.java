package org.lastmile.registry.internal;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.lastmile.access.Action;
import org.lastmile.access.Allow;
import org.lastmile.access.AuditLog;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.Uploads;
import org.lastmile.platform.Jobs;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/** {@code /api/v1/imports/persons}: the template, the import job, and the rejected rows back as .xlsx. */
@RestController
class PersonImportController {

    private static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    private final PersonImport imports;
    private final Uploads uploads;
    private final Jobs jobs;
    private final AuditLog audit;
    private final MessageSource messages;

    private final DepartmentListImport lists;

    PersonImportController(PersonImport imports, DepartmentListImport lists, Uploads uploads, Jobs jobs, AuditLog audit, MessageSource messages) {
        this.lists = lists;
        this.imports = imports;
        this.uploads = uploads;
        this.jobs = jobs;
        this.audit = audit;
        this.messages = messages;
    }

    record Started(String id) {
    }

    /** A department's list (ID number, status, date, change): sets or ends household tags and deaths in bulk. */
    @PostMapping("/api/v1/imports/department-lists")
    @Allow(Action.IMPORT_RUN)
    ResponseEntity<Started> startList(@RequestParam(value = "file", required = false) MultipartFile file,
                                      @RequestParam(required = false) String source,
                                      @RequestParam(defaultValue = "false") boolean dryRun, CurrentUser user) {
        DepartmentListImport.checkSource(source);
        Uploads.Upload upload = uploads.storeSpreadsheet(file, user.username());
        return ResponseEntity.accepted().body(new Started(lists.start(upload, source, user, dryRun, LocaleContextHolder.getLocale())));
    }

    @PostMapping("/api/v1/imports/persons")
    @Allow(Action.IMPORT_RUN)
    ResponseEntity<Started> start(@RequestParam(value = "file", required = false) MultipartFile file,
                                  @RequestParam(defaultValue = "false") boolean dryRun, CurrentUser user) {
        Uploads.Upload upload = uploads.storeSpreadsheet(file, user.username());
        return ResponseEntity.accepted().body(new Started(imports.start(upload, user, dryRun, LocaleContextHolder.getLocale())));
    }

    @GetMapping("/api/v1/imports/{id}/errors.xlsx")
    @Allow(Action.IMPORT_RUN)
    ResponseEntity<StreamingResponseBody> rejectedRows(@PathVariable String id, CurrentUser user) {
        Jobs.JobStatus job = jobs.status(id).filter(s -> s.owner().equals(user.username())
                        && (s.kind().equals(PersonImport.KIND) || s.kind().equals(DepartmentListImport.KIND)))
                .orElseThrow(() -> PersonProblem.of(PersonProblem.Kind.NOT_FOUND));
        audit.record("IMPORT_ERRORS_EXPORT", "job", id, null, AuditLog.Outcome.SUCCESS, null);
        Locale locale = LocaleContextHolder.getLocale();
        List<org.lastmile.platform.SpreadsheetRows.Column> columns = job.kind().equals(PersonImport.KIND)
                ? PersonImport.COLUMNS : DepartmentListImport.COLUMNS;
        StreamingResponseBody body = out -> imports.writeRejectedRows(id, columns, out, locale);
        return ResponseEntity.ok().contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"rejected-" + id + ".xlsx\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(body);
    }

    /** The template: zh-CN headers, the ID and certificate columns formatted as text, and a sheet explaining each column. */
    @GetMapping("/api/v1/imports/persons/template")
    @Allow(Action.IMPORT_RUN)
    ResponseEntity<byte[]> template() {
        Locale locale = LocaleContextHolder.getLocale();
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet persons = workbook.createSheet(messages.getMessage("registry.template.sheet", null, locale));
            CellStyle text = workbook.createCellStyle();
            text.setDataFormat(workbook.createDataFormat().getFormat("@"));
            Row header = persons.createRow(0);
            List<String> keys = PersonImport.COLUMNS.stream().map(c -> c.key()).toList();
            for (int i = 0; i < keys.size(); i++) {
                header.createCell(i).setCellValue(PersonImport.COLUMNS.get(i).names().get(0));
                persons.setDefaultColumnStyle(i, text);
                persons.setColumnWidth(i, 24 * 256);
            }
            Sheet help = workbook.createSheet(messages.getMessage("registry.template.help", null, locale));
            for (int i = 0; i < keys.size(); i++) {
                Row row = help.createRow(i);
                row.createCell(0).setCellValue(PersonImport.COLUMNS.get(i).names().get(0));
                row.createCell(1).setCellValue(messages.getMessage("registry.template.column." + keys.get(i), null, locale));
            }
            help.setColumnWidth(0, 20 * 256);
            help.setColumnWidth(1, 90 * 256);
            workbook.write(out);
            return ResponseEntity.ok().contentType(XLSX)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"persons-template.xlsx\"").body(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
