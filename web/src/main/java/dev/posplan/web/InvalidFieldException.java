package dev.posplan.web;

/**
 * A request field with a value the service cannot plan (answered 422). {@link #field()} names it as a path
 * into the request JSON, e.g. {@code parts[2].grid}.
 */
final class InvalidFieldException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    InvalidFieldException(String field, String message) {
        super(field + " " + message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
