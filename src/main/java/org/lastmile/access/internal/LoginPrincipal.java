package org.lastmile.access.internal;

import java.io.Serializable;
import java.security.Principal;

/** Who logged in through the login page; kept in the (database) session, so serialisable. */
record LoginPrincipal(long accountId, String username) implements Principal, Serializable {

    @Override
    public String getName() {
        return username;
    }
}
