package org.lastmile.registry.internal;

import org.lastmile.region.RegionCodeMoveParticipant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

/** When villages merge or are re-coded, their persons move with them, each with a line of history. */
@Component
class RegistryCodeMoves implements RegionCodeMoveParticipant {

    private final JdbcClient jdbc;
    private final PersonService persons;

    RegistryCodeMoves(JdbcClient jdbc, PersonService persons) {
        this.jdbc = jdbc;
        this.persons = persons;
    }

    @Override
    public String owner() {
        return "registry.persons";
    }

    @Override
    public long moveRecords(long oldCode, long newCode) {
        List<Long> ids = jdbc.sql("select id from registry_person where village_code = ?").param(oldCode).query(Long.class).list();
        ids.forEach(id -> persons.move(id, oldCode, newCode, "system", "CODE_MAPPING"));
        return ids.size();
    }
}
