package org.lastmile.access;

/**
 * What a user may do. Roles allow actions; a user's scope for an action is the union of the places of
 * its grants whose role allows that action (see {@link Role}).
 */
public enum Action {
    /** See and search person-level records unmasked where the role allows (registry, families). */
    PERSON_READ,
    /** Create and change person-level records. */
    PERSON_EDIT,
    /** Look persons up with personal numbers masked (hotline). */
    PERSON_LOOKUP,
    VISIT_RECORD,
    TARGET_REVIEW,
    CASE_OPEN,
    CASE_MANAGE,
    REFERRAL_MANAGE,
    IMPORT_RUN,
    CAMPAIGN_MANAGE,
    /** Aggregate figures and dashboards of a subtree, no person-level data. */
    REPORT_READ,
    TICKET_TAKE,
    /** Answer the referrals addressed to the liaison's department. */
    REFERRAL_ANSWER,
    ACCOUNT_ADMIN,
    GRANT_ADMIN,
    SECURITY_POLICY_ADMIN,
    CONFIGURATION_ADMIN,
    AUDIT_READ
}
