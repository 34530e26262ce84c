/**
 * Campaigns: home visits to families in special difficulty. Rule-based target lists screened in SQL
 * over the registry's views, the village worker's review and worklist, visits (idempotent by a client
 * id), difficulties found, and coverage: "no one left out". Publishes {@link org.lastmile.campaign.DifficultyReported}
 * for each difficulty not solved on the spot and {@link org.lastmile.campaign.TargetsChanged} wherever targets
 * change. Publishes the read-only views {@code campaign_v_visit} and {@code campaign_v_difficulty} (casework's family
 * timeline and its one-time conversion) and {@code campaign_v_target} (reporting's roll-ups, no names). Reads its
 * coverage from reporting's {@code reporting_v_coverage}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Campaign",
        allowedDependencies = {"platform", "web", "region", "access", "registry"})
package org.lastmile.campaign;
