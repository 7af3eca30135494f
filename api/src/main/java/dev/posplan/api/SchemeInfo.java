package dev.posplan.api;

/**
 * One scheme the service can plan.
 *
 * @param name    registry name used in requests
 * @param summary one line: what the scheme is and where it comes from
 */
public record SchemeInfo(String name, String summary) {
}
