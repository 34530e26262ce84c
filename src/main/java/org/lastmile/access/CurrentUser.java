package org.lastmile.access;

import org.lastmile.region.RegionCode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The user of the current request with its grants as they are now in the database (a revoked grant
 * or a disabled account takes effect on the next request). Controllers take it as a parameter.
 */
public record CurrentUser(long accountId, String username, String displayName, List<Grant> grants) {

    public CurrentUser {
        grants = List.copyOf(grants);
    }

    public boolean may(Action action) {
        return grants.stream().anyMatch(g -> g.role().allows(action));
    }

    public boolean has(Role role) {
        return grants.stream().anyMatch(g -> g.role() == role);
    }

    public boolean administrator() {
        return grants.stream().anyMatch(g -> g.role().administrator());
    }

    /** Where this user may do {@code action}: the union over the grants whose role allows it. */
    public Scope scope(Action action) {
        List<Scope.Range> ranges = new ArrayList<>();
        Set<Long> departments = new HashSet<>();
        for (Grant grant : grants) {
            if (!grant.role().allows(action)) {
                continue;
            }
            if (grant.role().needsDepartment()) {
                if (grant.departmentId() != null) {
                    departments.add(grant.departmentId());
                }
            } else if (grant.regionCode() != null) {
                RegionCode code = RegionCode.of(grant.regionCode());
                ranges.add(new Scope.Range(code.subtreeFirst(), code.subtreeLast()));
            }
        }
        return new Scope(action, ranges, departments);
    }
}
