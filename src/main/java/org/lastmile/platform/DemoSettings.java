package org.lastmile.platform;

/**
 * What every demo step needs: the county it fills, the seed that makes it repeatable, and how many
 * certified persons it should hold (about 20,000 for the demo county; benchmark datasets apply the same
 * steps county by county with the county's share of a province's or the nation's persons).
 */
public record DemoSettings(long countyCode, long seed, int persons) {

    public static final int DEMO_COUNTY_PERSONS = 20_000;

    public DemoSettings(long countyCode, long seed) {
        this(countyCode, seed, DEMO_COUNTY_PERSONS);
    }
}
