package org.lastmile.casework.internal;

/** The named transitions of a case (DOMAIN.md). */
public enum CaseAction {
    START, REFER, ANSWER, ESCALATE, RESOLVE, CLOSE, REOPEN, RAISE_POLICY
}
