package org.lastmile.region;

/** What an edition import changed. */
public record EditionReport(String edition, int added, int renamed, int abolished, int reinstated, int unchanged,
                            long durationMillis) {
}
