package org.lastmile.access;

import java.util.List;
import java.util.Optional;

/** Creating accounts and granting roles; used by the admin pages and API, bulk imports and the demo. */
public interface Accounts {

    record NewAccount(String username, String displayName, String password, String phone, boolean mustChangePassword) {
    }

    record AccountView(long id, String username, String displayName, boolean enabled, boolean locked,
                       boolean mustChangePassword, String maskedPhone, List<Grant> grants) {
    }

    /** Creates an account; the password must satisfy the security policy. Throws {@link AccessException} when not. */
    AccountView create(NewAccount account, String actor);

    /** Replaces an account's grants, checking the separation of duties; the actor may not change its own. */
    AccountView setGrants(String username, List<Grant> grants, String actor);

    Optional<AccountView> find(String username);

    /**
     * The enabled accounts holding {@code role} granted at exactly the first of {@code places} where any does (whom a unit's
     * notice reaches: the unit's own, else the nearest level above that has some), in one query; empty when none has.
     */
    List<String> holders(Role role, List<Long> places);

    /** The enabled liaison accounts of a department. */
    List<String> liaisons(long departmentId);
}
