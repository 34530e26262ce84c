package org.lastmile.registry.internal;

import org.lastmile.access.AuditLog;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.Uploads;
import org.lastmile.platform.Jobs;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A large export as a job: the rows are counted, then written (as .xlsx or CSV) into an encrypted
 * file while the job reports how many are done; the file waits for its owner to download it and is
 * deleted after the uploads' retention. Only the user who asked sees the job and gets the file.
 */
@Component
public class PersonExportJobs {

    static final String KIND = "PERSON_EXPORT";

    public record Export(Jobs.JobStatus job, PersonExport.Format format, String filename, boolean ready) {
    }

    private final PersonExport exporter;
    private final PersonSearch search;
    private final Jobs jobs;
    private final Uploads uploads;
    private final JdbcClient jdbc;
    private final AuditLog audit;

    PersonExportJobs(PersonExport exporter, PersonSearch search, Jobs jobs, Uploads uploads, JdbcClient jdbc, AuditLog audit) {
        this.exporter = exporter;
        this.search = search;
        this.jobs = jobs;
        this.uploads = uploads;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    String start(PersonSearch.Filter filter, CurrentUser user, Set<String> reveal, String purpose, PersonExport.Format format, Locale locale) {
        exporter.checkReveal(reveal, purpose, user);
        PersonSearch.Query query = search.query(filter, user);
        String filename = "persons." + format.extension;
        return jobs.start(KIND, user.username(), progress -> {
            jdbc.sql("insert into registry_export (job_id, format, filename) values (?::uuid, ?, ?)")
                    .params(progress.jobId(), format.name(), filename).update();
            // The audit trail names the user who asked, also from this background thread.
            SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.username(), null, List.of()));
            try {
                progress.total(jdbc.sql("select count(*) from registry_person where " + query.where()).params(query.params())
                        .query(Long.class).single());
                long[] rows = {0};
                Uploads.Upload file = uploads.write(filename, user.username(),
                        out -> rows[0] = exporter.write(filter, user, reveal, purpose, format, out, locale, progress::processed));
                jdbc.sql("update registry_export set upload_id = ?::uuid where job_id = ?::uuid").params(file.id(), progress.jobId()).update();
                progress.count("rows", rows[0]);
                uploads.release(file.id());
            } finally {
                SecurityContextHolder.clearContext();
            }
        });
    }

    Optional<Export> status(String id, CurrentUser user) {
        return jobs.status(id).filter(s -> s.owner().equals(user.username()) && s.kind().equals(KIND))
                .flatMap(job -> jdbc.sql("select format, filename, upload_id is not null as ready from registry_export where job_id = ?::uuid")
                        .param(id)
                        .query((rs, n) -> new Export(job, PersonExport.Format.valueOf(rs.getString(1)), rs.getString(2),
                                job.status() == Jobs.Status.DONE && rs.getBoolean(3)))
                        .optional());
    }

    /** The finished file, decrypted; each download is audited. */
    Optional<InputStream> open(String id, CurrentUser user) {
        if (status(id, user).filter(Export::ready).isEmpty()) {
            return Optional.empty();
        }
        String upload = jdbc.sql("select upload_id::text from registry_export where job_id = ?::uuid").param(id).query(String.class).single();
        if (!uploads.kept(upload)) {
            return Optional.empty();
        }
        audit.record("PERSON_EXPORT_DOWNLOAD", "export", id, null, AuditLog.Outcome.SUCCESS, null);
        return Optional.of(uploads.open(upload));
    }
}
