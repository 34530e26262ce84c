package org.lastmile.registry.internal;

import org.lastmile.region.RegionCodeMoveParticipant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * When villages merge or are re-coded, their households move with them, and with each household its tags (a trigger
 * gives a tag its household's village, V26): a household left under an abolished code would be out of every worker's
 * reach, and its tags out of every screening of the new village.
 */
@Component
class HouseholdCodeMoves implements RegionCodeMoveParticipant {

    private final JdbcClient jdbc;

    HouseholdCodeMoves(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String owner() {
        return "registry.households";
    }

    @Override
    public long moveRecords(long oldCode, long newCode) {
        return jdbc.sql("update registry_household set village_code = ? where village_code = ?").params(newCode, oldCode).update();
    }
}
