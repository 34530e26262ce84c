package org.lastmile.campaign;

import java.time.OffsetDateTime;

/**
 * A difficulty found on a visit and not solved on the spot: casework turns it into a case. Published
 * in the transaction that records the visit, through the durable publication log.
 */
public record DifficultyReported(long difficultyId, long campaignId, long personId, long villageCode, String domain, String urgency,
                                 String description, String reportedBy, OffsetDateTime visitedAt) {
}
