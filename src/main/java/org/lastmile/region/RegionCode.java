package org.lastmile.region;

import java.util.Optional;

/**
 * A statistical division code as the 12-digit number it is stored as. A place's whole subtree is
 * the contiguous range {@link #subtreeFirst()}..{@link #subtreeLast()}, which is what the scope
 * rule builds on.
 */
public record RegionCode(long value) {

    private static final long MIN = 110_000_000_000L;
    private static final long MAX = 999_999_999_999L;

    public RegionCode {
        if (value < MIN || value > MAX) {
            throw new IllegalArgumentException("A division code has 12 digits: " + value);
        }
    }

    /**
     * Accepts a code written with 2, 4, 6, 9 or 12 digits (11, 1101, 110101, 110101001,
     * 110101001001) and right-pads it to 12. Anything else is empty.
     */
    public static Optional<RegionCode> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String digits = text.strip();
        int length = digits.length();
        if (length != 2 && length != 4 && length != 6 && length != 9 && length != 12) {
            return Optional.empty();
        }
        for (int i = 0; i < length; i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
        }
        long value = Long.parseLong(digits) * pow10(12 - length);
        return value < MIN || value > MAX ? Optional.empty() : Optional.of(new RegionCode(value));
    }

    public static RegionCode of(long value) {
        return new RegionCode(value);
    }

    /** The level the code's digits say (a code of a city without counties reads as a prefecture). */
    public RegionLevel levelByDigits() {
        if (value % 10_000_000_000L == 0) {
            return RegionLevel.PROVINCE;
        }
        if (value % 100_000_000L == 0) {
            return RegionLevel.PREFECTURE;
        }
        if (value % 1_000_000L == 0) {
            return RegionLevel.COUNTY;
        }
        if (value % 1_000L == 0) {
            return RegionLevel.TOWNSHIP;
        }
        return RegionLevel.VILLAGE;
    }

    /** The code of this code's ancestor at the given level: its first digits, zero-padded. */
    public long prefixAt(RegionLevel level) {
        long unit = level.span();
        return value / unit * unit;
    }

    public long subtreeFirst() {
        return value;
    }

    public long subtreeLast() {
        return value + levelByDigits().span() - 1;
    }

    /**
     * The subtree as a predicate on a division-code column, its bounds written in as numbers rather than bound: a statement
     * the driver has prepared gets a generic plan after five runs, which cannot tell a village from a province.
     */
    public String subtreeSql(String column) {
        if (!column.matches("[a-z_][a-z0-9_.]*")) {
            throw new IllegalArgumentException("Not a column name: " + column);
        }
        return column + " between " + subtreeFirst() + " and " + subtreeLast();
    }

    public boolean contains(long code) {
        return code >= subtreeFirst() && code <= subtreeLast();
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }

    private static long pow10(int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= 10;
        }
        return result;
    }
}
