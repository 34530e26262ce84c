package org.lastmile.platform.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Delivers again the events whose listener has not completed (it failed, or its node stopped before it committed) once
 * they are older than {@code lastmile.events.resubmit-after}: the event log keeps them, but Spring Modulith delivers a
 * publication again only when asked. Every listener is idempotent (one case per difficulty, by its source; an account's
 * targets and cases released once), so a second delivery, also by another node, changes nothing.
 */
@Component
class EventResubmission {

    private final IncompleteEventPublications publications;
    private final Duration after;

    EventResubmission(IncompleteEventPublications publications, @Value("${lastmile.events.resubmit-after:PT5M}") Duration after) {
        this.publications = publications;
        this.after = after;
    }

    @Scheduled(fixedDelayString = "${lastmile.events.resubmit-interval:PT1M}", initialDelayString = "${lastmile.events.resubmit-interval:PT1M}")
    void resubmit() {
        publications.resubmitIncompletePublicationsOlderThan(after);
    }
}
