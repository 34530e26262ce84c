/**
 * Region: the national statistical division tree (province to village, NBS 12-digit codes), its
 * editions and code moves, and the organisations in each place: federation units and village
 * associations with their committee members. Other modules refer to places by code only and may
 * register a {@link org.lastmile.region.RegionCodeMoveParticipant} so that a code mapping moves
 * their records too. Publishes the read-only view {@code region_v_department}
 * (the department directory).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Region", allowedDependencies = {"platform", "web"})
package org.lastmile.region;
