package org.lastmile.support;

import org.lastmile.access.Accounts;
import org.lastmile.access.Grant;
import org.lastmile.access.Role;

import java.util.List;
import java.util.UUID;

/** Accounts for tests, each with a fresh name so that tests never share one. */
public final class TestAccounts {

    public static final String PASSWORD = "Field-Test-2026";

    private TestAccounts() {
    }

    /** An account with one grant; for a department liaison use {@link #create(Accounts, List)} with its department. */
    public static String create(Accounts accounts, Role role, Long regionCode) {
        return create(accounts, List.of(new Grant(role, regionCode, null)));
    }

    public static String create(Accounts accounts, List<Grant> grants) {
        String username = "t-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(new Accounts.NewAccount(username, "测试用户", PASSWORD, null, false), "test");
        accounts.setGrants(username, grants, "test");
        return username;
    }
}
