package org.lastmile.platform;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Long work as a job: started, answered with {@code 202 {id}}, then followed with
 * {@code GET .../{id}} until DONE or FAILED. Progress, counters and row errors live in the database,
 * so any app node can answer; the work runs on the node that started it.
 */
public interface Jobs {

    enum Status { RUNNING, DONE, FAILED }

    record RowError(int row, String column, String code, String message) {
    }

    record JobStatus(String id, String kind, String owner, Status status, Long total, long processed,
                     Map<String, Long> counts, String failure, OffsetDateTime createdAt, OffsetDateTime finishedAt) {
        /** 0..1; 1 once finished. */
        public double progress() {
            if (status != Status.RUNNING) {
                return 1.0;
            }
            return total == null || total == 0 ? 0.0 : Math.min(1.0, (double) processed / total);
        }
    }

    /** What the work reports as it goes; cheap to call for every row (written in batches). */
    interface Progress {
        /** The id of the job this work runs as. */
        String jobId();

        void total(long total);

        void processed(long processed);

        void count(String counter, long delta);

        void rowError(RowError error);
    }

    @FunctionalInterface
    interface Work {
        void run(Progress progress) throws Exception;
    }

    /** Starts the work in the background and returns the job's id at once. */
    String start(String kind, String owner, Work work);

    Optional<JobStatus> status(String id);

    /** Row errors in row order, at most {@code limit}. */
    List<RowError> errors(String id, int limit);
}
