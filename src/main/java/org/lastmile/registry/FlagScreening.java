package org.lastmile.registry;

import org.lastmile.region.RegionCode;

import java.util.Map;

/**
 * For other modules' set-based SQL (a campaign screening on "looks eligible for the nursing subsidy"):
 * the persons a precise-identification rule flags in a place, open flags only, as a sub-query.
 */
public interface FlagScreening {

    /**
     * {@code select person_id from ...}: the persons of {@code place} that {@code rule} flags and nobody has decided
     * on, with the province's parameters; its bind parameters (named after the rule) are added to {@code bind}.
     */
    String personsFlagged(FlagRule rule, RegionCode place, Map<String, Object> bind);
}
