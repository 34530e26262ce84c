package org.lastmile.casework;

/**
 * A case was opened or changed status or deadline: the figures of the family's village are out of date.
 * Published in the transaction that made the change; listeners that keep figures record it in that transaction.
 */
public record CaseChanged(long caseId) {
}
