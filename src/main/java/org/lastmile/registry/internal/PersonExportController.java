package org.lastmile.registry.internal;

import org.lastmile.access.Action;
import org.lastmile.access.Allow;
import org.lastmile.access.CurrentUser;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.InputStream;

/**
 * {@code /api/v1/exports}: an export of persons as a job with progress ({@code 202 {id}}, then
 * {@code GET /api/v1/exports/{id}} until DONE), its file downloaded from {@code /api/v1/exports/{id}/file}.
 */
@RestController
class PersonExportController {

    record Started(String id) {
    }

    record ExportStatus(String id, String status, Long total, long processed, double progress, long rows, String format, String failure,
                        String file) {
        static ExportStatus of(PersonExportJobs.Export e) {
            return new ExportStatus(e.job().id(), e.job().status().name(), e.job().total(), e.job().processed(), e.job().progress(),
                    e.job().counts().getOrDefault("rows", 0L), e.format().name(), e.job().failure(),
                    e.ready() ? "/api/v1/exports/" + e.job().id() + "/file" : null);
        }
    }

    private final PersonExportJobs exports;

    PersonExportController(PersonExportJobs exports) {
        this.exports = exports;
    }

    @PostMapping("/api/v1/exports/persons")
    @Allow({Action.PERSON_READ, Action.PERSON_LOOKUP})
    ResponseEntity<Started> start(@RequestBody PersonApiController.ExportRequest request, CurrentUser user) {
        String id = exports.start(request.filter(), user, request.revealed(), request.purpose(), PersonExport.Format.of(request.format()),
                LocaleContextHolder.getLocale());
        return ResponseEntity.accepted().header(HttpHeaders.LOCATION, "/api/v1/exports/" + id).body(new Started(id));
    }

    @GetMapping("/api/v1/exports/{id}")
    @Allow({Action.PERSON_READ, Action.PERSON_LOOKUP})
    ExportStatus status(@PathVariable String id, CurrentUser user) {
        return exports.status(id, user).map(ExportStatus::of).orElseThrow(() -> PersonProblem.of(PersonProblem.Kind.NOT_FOUND));
    }

    @GetMapping("/api/v1/exports/{id}/file")
    @Allow({Action.PERSON_READ, Action.PERSON_LOOKUP})
    ResponseEntity<StreamingResponseBody> file(@PathVariable String id, CurrentUser user) {
        PersonExportJobs.Export export = exports.status(id, user).orElseThrow(() -> PersonProblem.of(PersonProblem.Kind.NOT_FOUND));
        InputStream content = exports.open(id, user).orElseThrow(() -> PersonProblem.of(PersonProblem.Kind.NOT_FOUND));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(export.format().mediaType))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + export.filename() + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(out -> {
                    try (content) {
                        content.transferTo(out);
                    }
                });
    }
}
