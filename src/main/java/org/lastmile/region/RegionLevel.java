package org.lastmile.region;

/** The five levels of the division tree, numbered as stored. */
public enum RegionLevel {
    PROVINCE(1, 2), PREFECTURE(2, 4), COUNTY(3, 6), TOWNSHIP(4, 9), VILLAGE(5, 12);

    private final int number;
    private final int significantDigits;

    RegionLevel(int number, int significantDigits) {
        this.number = number;
        this.significantDigits = significantDigits;
    }

    public int number() {
        return number;
    }

    /** How many leading digits of the 12-digit code identify a place of this level. */
    public int significantDigits() {
        return significantDigits;
    }

    /** How many 12-digit codes one place of this level spans: 10^(12 - significant digits), e.g. 1,000,000 for a county. */
    public long span() {
        long span = 1;
        for (int i = significantDigits; i < 12; i++) {
            span *= 10;
        }
        return span;
    }

    /** The level one of whose places spans {@code span} codes (see {@link #span()}). */
    public static RegionLevel ofSpan(long span) {
        for (RegionLevel level : values()) {
            if (level.span() == span) {
                return level;
            }
        }
        throw new IllegalArgumentException("Not the span of a place: " + span);
    }

    public static RegionLevel ofNumber(int number) {
        for (RegionLevel level : values()) {
            if (level.number == number) {
                return level;
            }
        }
        throw new IllegalArgumentException("No region level " + number);
    }
}
