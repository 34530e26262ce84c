package org.lastmile.region;

import java.nio.file.Path;

/** Changing the division tree: importing a newer edition, and moving records by a code mapping. */
public interface RegionEditions {

    /** Imports the five-file edition in {@code directory} under the name {@code edition} (e.g. "2024"). */
    EditionReport importEdition(String edition, Path directory);

    /**
     * Applies a mapping file (CSV lines {@code oldCode,newCode}, an optional header) that merges or
     * re-codes villages: every record registered under the old code moves to the new one.
     */
    CodeMappingReport applyCodeMapping(Path mappingFile);
}
