package org.lastmile.registry;

/**
 * The precise-identification rules (精准识别): each flags certified persons who look eligible for
 * something they do not receive, or whose certificate needs attention. Their parameters are national
 * defaults that a province may override (the two subsidies differ by province).
 */
public enum FlagRule {
    /** Grades (and province extensions by category) eligible for the nursing subsidy, not receiving it. */
    NURSING_SUBSIDY("{\"grades\": [1, 2], \"extra\": []}"),
    /** In a household with one of the tags (低保 by default), not receiving the living allowance. */
    LIVING_ALLOWANCE("{\"tags\": [\"DIBAO\"]}"),
    /** A household in poverty-relief or edge lists, or with a low income per head, without 低保 or 特困. */
    DIBAO("{\"tags\": [\"REGISTERED_POOR\", \"MONITORED\", \"EDGE_HOUSEHOLD\"], \"incomeBelow\": 9000}"),
    /** A rehabilitation service needed that was not received. */
    REHABILITATION("{}"),
    /** Home accessibility modification needed and not done. */
    HOME_ACCESSIBILITY("{}"),
    /** Custodial care needed and not received, for the ages and disabilities the policy covers. */
    CUSTODIAL_CARE("{\"minAge\": 16, \"maxAge\": 59, \"categories\": [5, 6], \"severePhysicalGrades\": [1, 2]}"),
    /** A certificate expired or expiring within the days given. */
    CERTIFICATE_EXPIRING("{\"days\": 90}"),
    /** A household member recorded with a disability but no certificate (the certificate drive). */
    UNCERTIFIED_MEMBER("{}");

    private final String defaults;

    FlagRule(String defaults) {
        this.defaults = defaults;
    }

    /** The national default parameters, as JSON. */
    public String defaults() {
        return defaults;
    }
}
