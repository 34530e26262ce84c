package org.lastmile.access;

import org.lastmile.region.RegionLevel;

import java.util.EnumSet;
import java.util.Set;

import static org.lastmile.access.Action.*;

/**
 * The roles of DOMAIN.md, what each may do, and where a grant of it may be placed. The three
 * administrator roles (三员分立) act on the whole deployment, hold no other role, and read no
 * personal data.
 */
public enum Role {
    FIELD_WORKER(false, EnumSet.of(RegionLevel.VILLAGE),
            PERSON_READ, PERSON_EDIT, PERSON_LOOKUP, VISIT_RECORD, TARGET_REVIEW, CASE_OPEN, REPORT_READ),
    CASE_WORKER(false, EnumSet.of(RegionLevel.PROVINCE, RegionLevel.PREFECTURE, RegionLevel.COUNTY, RegionLevel.TOWNSHIP),
            PERSON_READ, PERSON_EDIT, PERSON_LOOKUP, VISIT_RECORD, TARGET_REVIEW, CASE_OPEN, CASE_MANAGE,
            REFERRAL_MANAGE, IMPORT_RUN, CAMPAIGN_MANAGE, REPORT_READ),
    LEADER(false, EnumSet.allOf(RegionLevel.class), REPORT_READ),
    HOTLINE_OPERATOR(false, EnumSet.allOf(RegionLevel.class), PERSON_LOOKUP, TICKET_TAKE),
    DEPARTMENT_LIAISON(false, EnumSet.of(RegionLevel.COUNTY, RegionLevel.TOWNSHIP), REFERRAL_ANSWER),
    SYSTEM_ADMIN(true, EnumSet.noneOf(RegionLevel.class), ACCOUNT_ADMIN, CONFIGURATION_ADMIN),
    SECURITY_ADMIN(true, EnumSet.noneOf(RegionLevel.class), GRANT_ADMIN, SECURITY_POLICY_ADMIN),
    AUDIT_ADMIN(true, EnumSet.noneOf(RegionLevel.class), AUDIT_READ);

    private final boolean administrator;
    private final Set<RegionLevel> placedAt;
    private final Set<Action> actions;

    Role(boolean administrator, Set<RegionLevel> placedAt, Action first, Action... rest) {
        this.administrator = administrator;
        this.placedAt = placedAt;
        this.actions = EnumSet.of(first, rest);
    }

    public boolean administrator() {
        return administrator;
    }

    public boolean allows(Action action) {
        return actions.contains(action);
    }

    public Set<Action> actions() {
        return EnumSet.copyOf(actions);
    }

    /** The levels a grant of this role may name; empty for administrators, who take no place. */
    public Set<RegionLevel> placedAt() {
        return EnumSet.copyOf(placedAt.isEmpty() ? EnumSet.noneOf(RegionLevel.class) : placedAt);
    }

    public boolean needsDepartment() {
        return this == DEPARTMENT_LIAISON;
    }
}
