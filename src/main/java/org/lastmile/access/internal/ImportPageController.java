package org.lastmile.access.internal;

import org.lastmile.access.Action;
import org.lastmile.access.Allow;
import org.lastmile.access.CurrentUser;
import org.lastmile.platform.AllowAuthenticated;
import org.lastmile.platform.Jobs;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** Upload forms post here; the import page shows progress (refreshed by htmx while it runs) and row errors. */
@Controller
class ImportPageController {

    private final ImportApiController api;
    private final Jobs jobs;

    ImportPageController(ImportApiController api, Jobs jobs) {
        this.api = api;
        this.jobs = jobs;
    }

    @PostMapping("/admin/imports/accounts")
    @Allow(Action.ACCOUNT_ADMIN)
    String importAccounts(@RequestParam(value = "file", required = false) MultipartFile file,
                          @RequestParam(defaultValue = "false") boolean dryRun, CurrentUser user) {
        return "redirect:/admin/imports/" + api.importAccounts(file, dryRun, user).getBody().id();
    }

    @PostMapping("/admin/imports/grants")
    @Allow(Action.GRANT_ADMIN)
    String importGrants(@RequestParam(value = "file", required = false) MultipartFile file,
                        @RequestParam(defaultValue = "false") boolean dryRun, CurrentUser user) {
        return "redirect:/admin/imports/" + api.importGrants(file, dryRun, user).getBody().id();
    }

    @GetMapping("/admin/imports/{id}")
    @AllowAuthenticated
    String status(@PathVariable String id, CurrentUser user, Model model) {
        Jobs.JobStatus status = ownJob(id, user);
        model.addAttribute("job", ImportApiController.ImportJson.of(status, jobs.errors(id, 1000)));
        model.addAttribute("mayDownload", status.kind().equals(AccountImports.ACCOUNTS) && status.status() == Jobs.Status.DONE
                && status.counts().getOrDefault("imported", 0L) > 0);
        return "access/admin-import";
    }

    @GetMapping("/admin/imports/{id}/accounts.csv")
    @Allow(Action.ACCOUNT_ADMIN)
    ResponseEntity<InputStreamResource> createdAccounts(@PathVariable String id, CurrentUser user) {
        return api.createdAccounts(id, user);
    }

    private Jobs.JobStatus ownJob(String id, CurrentUser user) {
        return jobs.status(id).filter(s -> s.owner().equals(user.username()))
                .orElseThrow(() -> new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND));
    }
}
