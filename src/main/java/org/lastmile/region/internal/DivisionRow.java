package org.lastmile.region.internal;

import org.lastmile.region.RegionKind;
import org.lastmile.region.RegionLevel;

/** One division as an edition lists it, with what the loader derived: level, parent and kind. */
record DivisionRow(long code, String name, RegionLevel level, Long parentCode, RegionKind kind) {
}
