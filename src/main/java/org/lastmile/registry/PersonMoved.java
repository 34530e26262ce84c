package org.lastmile.registry;

/**
 * A person now lives in another village (a transfer, or a division code that was replaced). Figures counted
 * where the family lives are out of date in both villages. Published in the transaction of the move.
 */
public record PersonMoved(long personId, long fromVillage, long toVillage) {
}
