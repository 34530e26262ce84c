package org.lastmile.region;

/** What sort of row a division is; the traps of the real NBS data get kinds of their own. */
public enum RegionKind {
    REGULAR,
    /** A prefecture row such as 市辖区 or 省直辖县级行政区划 that groups counties but is no unit. */
    PLACEHOLDER,
    /** A county-level development zone (county digits 71-79). */
    DEVELOPMENT_ZONE,
    /** A prefecture-level city with no county level (东莞, 中山, 儋州). */
    CITY_WITHOUT_COUNTIES
}
