package org.lastmile.platform.internal;

import org.lastmile.platform.Jobs;
import org.lastmile.platform.StartupTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Jobs on a small pool of background threads; state written to the database in batches. */
@Service
class JobService implements Jobs, StartupTask {

    private static final Logger log = LoggerFactory.getLogger(JobService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long FLUSH_MILLIS = 500;

    private final JdbcClient jdbc;
    private final ExecutorService pool;

    JobService(JdbcClient jdbc) {
        this.jdbc = jdbc;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "lastmile-job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Jobs this node was running when it stopped cannot resume: say so instead of leaving them RUNNING. */
    @Override
    public int order() {
        return 50;
    }

    @Override
    public void run() {
        int interrupted = jdbc.sql("update platform_job set status = 'FAILED', failure = 'interrupted by a restart', finished_at = now() "
                + "where status = 'RUNNING'").update();
        if (interrupted > 0) {
            log.warn("{} jobs were interrupted by the last stop and are marked FAILED", interrupted);
        }
    }

    @Override
    public String start(String kind, String owner, Work work) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into platform_job (id, kind, owner, status) values (?, ?, ?, 'RUNNING')").params(id, kind, owner).update();
        pool.submit(() -> execute(id, work));
        return id.toString();
    }

    private void execute(UUID id, Work work) {
        Recorder recorder = new Recorder(id);
        try {
            work.run(recorder);
            recorder.flush(true);
            jdbc.sql("update platform_job set status = 'DONE', finished_at = now() where id = ?").param(id).update();
        } catch (Exception | Error e) {
            log.warn("Job {} failed", id, e);
            try {
                recorder.flush(true);
            } catch (RuntimeException ignored) {
                // the failure below is what matters
            }
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            jdbc.sql("update platform_job set status = 'FAILED', failure = ?, finished_at = now() where id = ?")
                    .params(reason.length() > 1000 ? reason.substring(0, 1000) : reason, id).update();
        }
    }

    @Override
    public Optional<JobStatus> status(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return jdbc.sql("select * from platform_job where id = ?").param(uuid)
                .query((rs, n) -> new JobStatus(rs.getString("id"), rs.getString("kind"), rs.getString("owner"),
                        Status.valueOf(rs.getString("status")), (Long) rs.getObject("total"), rs.getLong("processed"),
                        JSON.readValue(rs.getString("counts"), new TypeReference<LinkedHashMap<String, Long>>() { }),
                        rs.getString("failure"), rs.getObject("created_at", OffsetDateTime.class),
                        rs.getObject("finished_at", OffsetDateTime.class)))
                .optional();
    }

    @Override
    public List<RowError> errors(String id, int limit) {
        return jdbc.sql("select row_number, column_name, code, message from platform_job_error where job_id = ? order by row_number limit ?")
                .params(UUID.fromString(id), limit)
                .query((rs, n) -> new RowError(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    /** Collects progress in memory and writes it at most twice a second. */
    private final class Recorder implements Progress {
        private final UUID id;
        private Long total;
        private long processed;
        private final Map<String, Long> counts = new LinkedHashMap<>();
        private final List<RowError> pendingErrors = new ArrayList<>();
        private long lastFlush;

        Recorder(UUID id) {
            this.id = id;
        }

        @Override
        public String jobId() {
            return id.toString();
        }

        @Override
        public void total(long total) {
            this.total = total;
            flush(false);
        }

        @Override
        public void processed(long processed) {
            this.processed = processed;
            flush(false);
        }

        @Override
        public void count(String counter, long delta) {
            counts.merge(counter, delta, Long::sum);
            flush(false);
        }

        @Override
        public void rowError(RowError error) {
            pendingErrors.add(error);
            if (pendingErrors.size() >= 500) {
                flush(true);
            }
        }

        void flush(boolean force) {
            long now = System.currentTimeMillis();
            if (!force && now - lastFlush < FLUSH_MILLIS) {
                return;
            }
            lastFlush = now;
            jdbc.sql("update platform_job set total = ?, processed = ?, counts = ?::jsonb where id = ?")
                    .params(total, processed, JSON.writeValueAsString(counts), id).update();
            for (RowError e : pendingErrors) {
                jdbc.sql("insert into platform_job_error (job_id, row_number, column_name, code, message) values (?, ?, ?, ?, ?)")
                        .params(id, e.row(), e.column(), e.code(), e.message()).update();
            }
            pendingErrors.clear();
        }
    }
}
