package org.lastmile.platform.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * The event log's upkeep. Events whose listener has not completed (it failed, or its node stopped before it committed)
 * are delivered again once they are older than {@code lastmile.events.resubmit-after}: the log keeps them, but Spring
 * Modulith delivers a publication again only when asked. Every listener is idempotent (one case per difficulty, by its
 * source; an account's targets and cases released once), so a second delivery, also by another node, changes nothing.
 * Completed publications are kept for {@code lastmile.events.keep-completed}, then deleted: one row per visit difficulty
 * would otherwise pile up for ever.
 */
@Component
class EventLogUpkeep {

    private final IncompleteEventPublications incomplete;
    private final CompletedEventPublications completed;
    private final Duration after;
    private final Duration keepCompleted;

    EventLogUpkeep(IncompleteEventPublications incomplete, CompletedEventPublications completed,
                      @Value("${lastmile.events.resubmit-after:PT5M}") Duration after,
                      @Value("${lastmile.events.keep-completed:P30D}") Duration keepCompleted) {
        this.incomplete = incomplete;
        this.completed = completed;
        this.after = after;
        this.keepCompleted = keepCompleted;
    }

    @Scheduled(fixedDelayString = "${lastmile.events.resubmit-interval:PT1M}", initialDelayString = "${lastmile.events.resubmit-interval:PT1M}")
    void resubmit() {
        incomplete.resubmitIncompletePublicationsOlderThan(after);
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
    void purgeCompleted() {
        completed.deletePublicationsOlderThan(keepCompleted);
    }
}
