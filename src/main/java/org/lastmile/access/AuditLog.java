package org.lastmile.access;

/**
 * The audit trail. {@link #record} writes in the caller's transaction, so the record exists exactly
 * when the action happened; a sealer links records into a hash chain within seconds after commit.
 */
public interface AuditLog {

    enum Outcome { SUCCESS, FAILURE, DENIED }

    /**
     * @param action     what was done, e.g. {@code LOGIN}, {@code PERSON_VIEW}, {@code GRANTS_CHANGE}
     * @param subjectType what kind of record, e.g. {@code account}, {@code person}; null when none
     * @param subjectId  the record's id, never a cleartext ID number
     * @param purpose    the purpose given for a reveal or export, else null
     * @param details    short free text (no personal numbers)
     */
    void record(String action, String subjectType, String subjectId, String purpose, Outcome outcome, String details);

    /**
     * As {@link #record}, but committed on its own at once: for refusals (a denied reveal, a conflict
     * that must be audited) whose surrounding transaction is about to roll back.
     */
    void recordRefusal(String action, String subjectType, String subjectId, String purpose, String details);

    /** As {@link #record}, one record for each subject, in one statement: the persons an import created. */
    void recordEach(String action, String subjectType, java.util.List<String> subjectIds, String purpose, Outcome outcome, String details);

    /** As {@link #record} for an account other than the current user (login attempts, before authentication). */
    void recordFor(String username, String action, String subjectType, String subjectId, Outcome outcome, String details);
}
