package dev.posplan.multimodal;

/**
 * Input that cannot be planned, as opposed to a fault of posplan: a request field, a scheme parameter or a
 * prompt whose values break a rule of the domain. {@link #field()} names the culprit as a path into the
 * request ({@code parts[2].grid}, {@code params.head_dim}) when the thrower knows it, else null. The service
 * answers it 422; any other {@link IllegalArgumentException} or {@link IllegalStateException} from the
 * library is a bug of ours (500).
 *
 * <p>It extends {@link IllegalArgumentException} so that library callers who catch that keep working.
 */
public class InvalidInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;

    /** Input rejected at {@code field} (null: the input as a whole), with {@code message} as is. */
    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** Input rejected at {@code field}, the message starting with the field: {@code parts[2].grid must be …}. */
    public static InvalidInputException at(String field, String rule) {
        return new InvalidInputException(field, field + " " + rule);
    }

    /** A rule about the input as a whole. */
    public static InvalidInputException of(String message) {
        return new InvalidInputException(null, message);
    }

    /** A rule about the input as a whole, found by a check that failed with {@code cause}. */
    public static InvalidInputException of(String message, Throwable cause) {
        InvalidInputException e = new InvalidInputException(null, message);
        e.initCause(cause);
        return e;
    }

    /** The rejected field as a path into the request, or null. */
    public String field() {
        return field;
    }
}
