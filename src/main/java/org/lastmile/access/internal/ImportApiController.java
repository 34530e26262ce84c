package org.lastmile.access.internal;

import org.lastmile.access.Action;
import org.lastmile.access.Allow;
import org.lastmile.access.AuditLog;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.Uploads;
import org.lastmile.platform.AllowAuthenticated;
import org.lastmile.platform.Jobs;
import org.lastmile.web.ApiProblems;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/imports/accounts} and {@code /grants} (multipart {@code file}, {@code dryRun}) answer
 * {@code 202 {id}}; {@code GET /api/v1/imports/{id}} follows any import job of the caller's.
 */
@RestController
public class ImportApiController {

    record Started(String id) {
    }

    public record ImportJson(String id, String kind, Jobs.Status status, double progress, Long total, long imported, long updated,
                             long unchanged, long rejected, long warnings, String failure, OffsetDateTime createdAt,
                             OffsetDateTime finishedAt, Map<String, Long> counts, List<Jobs.RowError> errors) {
        static ImportJson of(Jobs.JobStatus s, List<Jobs.RowError> errors) {
            Map<String, Long> c = s.counts();
            return new ImportJson(s.id(), s.kind(), s.status(), s.progress(), s.total(), c.getOrDefault("imported", 0L),
                    c.getOrDefault("updated", 0L), c.getOrDefault("unchanged", 0L), c.getOrDefault("rejected", 0L),
                    c.getOrDefault("warnings", 0L), s.failure(), s.createdAt(), s.finishedAt(), c, errors);
        }
    }

    private final AccountImports imports;
    private final Uploads uploads;
    private final Jobs jobs;
    private final AuditLog audit;

    ImportApiController(AccountImports imports, Uploads uploads, Jobs jobs, AuditLog audit) {
        this.imports = imports;
        this.uploads = uploads;
        this.jobs = jobs;
        this.audit = audit;
    }

    @PostMapping("/api/v1/imports/accounts")
    @Allow(Action.ACCOUNT_ADMIN)
    ResponseEntity<Started> importAccounts(@RequestParam(value = "file", required = false) MultipartFile file,
                                           @RequestParam(defaultValue = "false") boolean dryRun, CurrentUser user) {
        Uploads.Upload upload = store(file, user);
        return ResponseEntity.accepted().body(new Started(imports.importAccounts(upload, user.username(), dryRun,
                LocaleContextHolder.getLocale())));
    }

    @PostMapping("/api/v1/imports/grants")
    @Allow(Action.GRANT_ADMIN)
    ResponseEntity<Started> importGrants(@RequestParam(value = "file", required = false) MultipartFile file,
                                         @RequestParam(defaultValue = "false") boolean dryRun, CurrentUser user) {
        Uploads.Upload upload = store(file, user);
        return ResponseEntity.accepted().body(new Started(imports.importGrants(upload, user.username(), dryRun,
                LocaleContextHolder.getLocale())));
    }

    /** Any import's progress and row errors; only its owner sees it (404 for everyone else). */
    @GetMapping("/api/v1/imports/{id}")
    @AllowAuthenticated
    ImportJson status(@PathVariable String id, CurrentUser user) {
        Jobs.JobStatus status = ownJob(id, user);
        return ImportJson.of(status, jobs.errors(id, 1000));
    }

    @GetMapping("/api/v1/imports/{id}/accounts.csv")
    @Allow(Action.ACCOUNT_ADMIN)
    ResponseEntity<InputStreamResource> createdAccounts(@PathVariable String id, CurrentUser user) {
        ownJob(id, user);
        var content = imports.result(id).orElseThrow(() -> ApiProblems.notFound(id));
        audit.record("ACCOUNT_PASSWORDS_EXPORT", "job", id, null, AuditLog.Outcome.SUCCESS, null);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"accounts-" + id + ".csv\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(new InputStreamResource(content));
    }

    Jobs.JobStatus ownJob(String id, CurrentUser user) {
        return jobs.status(id).filter(s -> s.owner().equals(user.username()))
                .orElseThrow(() -> ApiProblems.notFound(id));
    }

    private Uploads.Upload store(MultipartFile file, CurrentUser user) {
        return uploads.storeSpreadsheet(file, user.username());
    }

}
