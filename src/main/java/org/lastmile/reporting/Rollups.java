package org.lastmile.reporting;

/**
 * The roll-ups' refresher, for a caller that must see a change in the figures at once (an operator after a
 * bulk correction, a test); everyone else reads figures at most a few seconds behind (the refresher runs every 2 s by default).
 */
public interface Rollups {

    /** Recomputes every place marked as changed, and waits for a refresh already running on another node. */
    void refreshNow();
}
