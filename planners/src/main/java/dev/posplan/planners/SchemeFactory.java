package dev.posplan.planners;

/** Builds one named scheme from parameters; registered in {@link SchemeRegistry}. */
public interface SchemeFactory {

    /** Registry name. */
    String name();

    /** One line: what the scheme is and where it comes from. */
    String summary();

    /**
     * Builds the scheme. Reads its parameters from {@code params} (defaults for absent ones); the
     * registry rejects parameters no factory read.
     *
     * @throws IllegalArgumentException naming the parameter when a value is invalid
     */
    Scheme create(SchemeParams params);
}
