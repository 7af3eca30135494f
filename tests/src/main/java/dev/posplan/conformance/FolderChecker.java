package dev.posplan.conformance;

import tools.jackson.databind.JsonNode;

/** Checks every golden file of one folder: throws a {@link Mismatch} at the first difference. */
@FunctionalInterface
public interface FolderChecker {

    void check(JsonNode golden);

    /**
     * Checks one file knowing its name, for folders that hold files of several kinds; the runner calls
     * this. By default the name is not needed.
     */
    default void check(String fileName, JsonNode golden) {
        check(golden);
    }
}
