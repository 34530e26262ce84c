package org.lastmile.platform;

/**
 * One versioned step of the demo data set. Steps run once each, in the order of their ids, on the
 * embedded default database (or on an external one when the demo is asked for); a database made
 * by an older version receives the steps added since. A step must be deterministic from the seed.
 */
public interface DemoStep {

    /** Sortable, never reused, e.g. {@code 0100-region-associations}. */
    String id();

    void apply(DemoSettings settings);

    /**
     * Whether the step makes the volume data of a county (persons, households, answers, campaigns, cases), so
     * that {@code generate-data} applies it to every county of a benchmark dataset. Steps that make named demo
     * accounts or single showcase records do not.
     */
    default boolean dataset() {
        return false;
    }

    /**
     * The indexes of this step's tables that serve only searches, by name as their migrations made them: a big
     * {@code generate-data} load drops them while it loads and builds them again after. The steps' own queries must
     * not need them.
     */
    default java.util.List<String> searchIndexes() {
        return java.util.List.of();
    }
}
