package org.lastmile.platform;

/** What every demo step needs: which county is the demo county and the seed that makes it repeatable. */
public record DemoSettings(long countyCode, long seed) {
}
