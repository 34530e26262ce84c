package org.lastmile.region;

/**
 * A module that keeps records under a division code registers one of these (as a bean) so that a
 * code mapping (villages merged or re-coded) moves its records from the old code to the new one.
 * Called inside the mapping's transaction: a failure rolls the whole pair back.
 */
public interface RegionCodeMoveParticipant {

    /** A short name for reports, e.g. {@code registry.persons}. */
    String owner();

    /** Moves every record of {@code oldCode} to {@code newCode}, keeping history; returns how many moved. */
    long moveRecords(long oldCode, long newCode);
}
