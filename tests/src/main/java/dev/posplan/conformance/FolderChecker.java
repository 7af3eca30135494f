package dev.posplan.conformance;

import tools.jackson.databind.JsonNode;

/** Checks every golden file of one folder: throws a {@link Mismatch} at the first difference. */
@FunctionalInterface
public interface FolderChecker {

    void check(JsonNode golden);
}
