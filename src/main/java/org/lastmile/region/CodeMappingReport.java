package org.lastmile.region;

import java.util.List;
import java.util.Map;

/**
 * What a code mapping did: the pairs applied with the records each participant moved, and every
 * rejected line with its reason (a bad line never stops the good ones).
 */
public record CodeMappingReport(int applied, Map<String, Long> movedByOwner, List<RejectedLine> rejected) {

    public record RejectedLine(int line, String oldCode, String newCode, String reason) {
    }
}
