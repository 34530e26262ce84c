package org.lastmile.platform.internal;

import org.junit.jupiter.api.Test;
import org.lastmile.support.LastmileIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The event log's upkeep; the delivery again of an incomplete event is tested where its listener lives (casework). */
@LastmileIntegrationTest
class EventLogUpkeepIntegrationTest {

    @Autowired
    EventLogUpkeep upkeep;
    @Autowired
    JdbcClient jdbc;

    @Test
    void deletesCompletedPublicationsAfterTheirKeepingTimeButNeverAnIncompleteOne() {
        UUID oldCompleted = publication("now() - interval '40 days'", "now() - interval '40 days'", "COMPLETED");
        UUID recentCompleted = publication("now() - interval '2 days'", "now() - interval '2 days'", "COMPLETED");
        UUID oldIncomplete = publication("now() - interval '40 days'", null, "FAILED");
        try {
            upkeep.purgeCompleted();
            assertThat(exists(oldCompleted)).as("completed 40 days ago").isFalse();
            assertThat(exists(recentCompleted)).as("completed 2 days ago").isTrue();
            assertThat(exists(oldIncomplete)).as("never completed: still to be delivered").isTrue();
        } finally {
            jdbc.sql("delete from event_publication where id in (?, ?, ?)").params(oldCompleted, recentCompleted, oldIncomplete).update();
        }
    }

    /** A publication of an event no listener of this application takes, so that a resubmission elsewhere leaves it alone. */
    private UUID publication(String publishedAt, String completedAt, String status) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into event_publication (id, listener_id, event_type, serialized_event, publication_date, completion_date, status,"
                        + " completion_attempts) values (?, 'test.Listener.on(test.Event)', 'test.Event', ?, " + publishedAt + ", "
                        + (completedAt == null ? "null" : completedAt) + ", ?, 1)")
                .params(id, "{\"test\":\"" + id + "\"}", status).update();
        return id;
    }

    private boolean exists(UUID id) {
        return jdbc.sql("select count(*) from event_publication where id = ?").param(id).query(Long.class).single() == 1;
    }
}
