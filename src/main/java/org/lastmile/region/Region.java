package org.lastmile.region;

import java.util.List;

/**
 * One place of the division tree with the path from the province down to itself (placeholder
 * prefectures left out, as people name places).
 */
public record Region(long code, String name, RegionLevel level, Long parentCode, RegionKind kind,
                     String sinceEdition, String abolishedEdition, Long successorCode, List<PathStep> path) {

    public boolean abolished() {
        return abolishedEdition != null;
    }

    public record PathStep(long code, String name) {
    }
}
