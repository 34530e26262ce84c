/**
 * Reporting: roll-ups kept as read models, so that the figures of a province or of the nation are a read of
 * a few rows, not a count over millions. Fed by events: {@link org.lastmile.campaign.TargetsChanged},
 * {@link org.lastmile.casework.CaseChanged} and {@link org.lastmile.registry.PersonMoved} mark the places whose
 * figures changed, in the transaction of the change; a refresher recomputes those villages from the views
 * {@code campaign_v_target} and {@code casework_v_case}, then their ancestors level by level, every 2 s
 * by default. Publishes the read-only views {@code reporting_v_coverage}, {@code reporting_v_case_figures} and
 * {@code reporting_v_case_domain}, which campaign's coverage and casework's summary read.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reporting",
        allowedDependencies = {"platform", "region", "access", "campaign", "casework", "registry"})
package org.lastmile.reporting;
