package org.lastmile.registry.internal;

import org.lastmile.access.Action;
import org.lastmile.access.AuditLog;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.PersonalData;
import org.lastmile.registry.Contacts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link Contacts}: decrypts the phones of persons in the user's full-read scope, one audit record per call. */
@Component
class RegistryContacts implements Contacts {

    private final JdbcClient jdbc;
    private final PersonalData personalData;
    private final AuditLog audit;

    RegistryContacts(JdbcClient jdbc, PersonalData personalData, AuditLog audit) {
        this.jdbc = jdbc;
        this.personalData = personalData;
        this.audit = audit;
    }

    @Override
    public Map<Long, String> phones(List<Long> personIds, String purpose, CurrentUser user) {
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("A reveal needs a purpose");
        }
        Map<Long, String> phones = new HashMap<>();
        var scope = user.scope(Action.PERSON_READ);
        jdbc.sql("select id, village_code, phone from registry_person where id = any(?) and phone is not null")
                .param(personIds.toArray(Long[]::new))
                .query((rs, n) -> {
                    if (scope.contains(rs.getLong(2))) {
                        phones.put(rs.getLong(1), personalData.decrypt(rs.getString(3)));
                    }
                    return null;
                }).list();
        // One record for the list, naming every person whose phone was revealed.
        audit.recordFor(user.username(), "PHONE_REVEAL_LIST", "person", null, AuditLog.Outcome.SUCCESS,
                purpose + ": " + phones.size() + " of " + personIds.size() + " persons: "
                        + String.join(",", phones.keySet().stream().sorted().map(String::valueOf).toList()));
        return phones;
    }
}
