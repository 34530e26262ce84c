package org.lastmile.registry;

/** The situation tags of a household that campaigns screen on (DOMAIN.md section 9). */
public enum HouseholdTag {
    REGISTERED_POOR, MONITORED, EDGE_HOUSEHOLD, DIBAO, TEKUN, ORPHAN_DISABLED, SICK_DISABLED, INFECTED_OR_QUARANTINED, BEREAVED,
    EMPLOYMENT_DIFFICULTY, MEDICAL_DIFFICULTY, SCHOOLING_DIFFICULTY
}
