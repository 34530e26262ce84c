/**
 * Casework: every difficulty tracked until it is solved, by the federation, a department, or the level
 * above. Cases open from visit difficulties (the campaign's {@link org.lastmile.campaign.DifficultyReported},
 * once each), flags, the hotline later, or by hand; named transitions with history; referrals to the
 * departments of the region directory and their liaisons' answers; deadlines by urgency on working days;
 * automatic escalation; follow-ups until a verified closure; policy issues; notifications. Reads the views
 * {@code registry_v_person}, {@code registry_v_household_member}, {@code campaign_v_visit} and
 * {@code campaign_v_difficulty}; its figures come from reporting's {@code reporting_v_case_figures} and
 * {@code reporting_v_case_domain}. Publishes {@link org.lastmile.casework.CaseChanged} at every step of a case and the
 * view {@code casework_v_case} (status, domain, deadline and the family's village, for reporting's roll-ups).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Casework",
        allowedDependencies = {"platform", "web", "region", "access", "registry", "campaign"})
package org.lastmile.casework;
