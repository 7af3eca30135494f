package dev.posplan.web;

import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.planners.SchemeParams;

/** A value of the wrong JSON type found after the body was read (inside {@code params}): answered 400. */
final class WrongTypeException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    WrongTypeException(String field, String message) {
        super(field, message);
    }

    /** Whether {@code e} refuses a value for its JSON type rather than for its value. */
    static boolean of(InvalidInputException e) {
        return e instanceof WrongTypeException || e instanceof SchemeParams.InvalidParameterException p && p.wrongType();
    }

    /** {@code e} at another field, still a wrong type if it was one. */
    static InvalidInputException moved(InvalidInputException e, String field) {
        return of(e) ? new WrongTypeException(field, e.getMessage()) : new InvalidInputException(field, e.getMessage());
    }
}
