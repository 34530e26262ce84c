package org.lastmile.campaign;

/**
 * A campaign's targets changed somewhere in the subtree of {@code placeCode} (a village after a visit or a
 * review, the campaign's whole place after a screening): its coverage figures there are out of date.
 * Published in the transaction that made the change; listeners that keep figures record it in that transaction.
 */
public record TargetsChanged(long campaignId, long placeCode) {
}
