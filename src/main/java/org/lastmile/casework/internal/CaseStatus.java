package org.lastmile.casework.internal;

/** DOMAIN.md's case statuses. A policy issue is a separate record a case links to, not a status. */
public enum CaseStatus {
    OPEN, IN_PROGRESS, REFERRED, ESCALATED, RESOLVED, CLOSED;

    /** Still being worked on: deadlines run and escalation applies. */
    public boolean active() {
        return this == OPEN || this == IN_PROGRESS || this == REFERRED || this == ESCALATED;
    }
}
