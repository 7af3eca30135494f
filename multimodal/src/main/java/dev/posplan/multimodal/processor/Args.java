package dev.posplan.multimodal.processor;

import dev.posplan.multimodal.InvalidInputException;

/** Input checks shared by the processor functions; messages name the offending argument. */
final class Args {

    private Args() {
    }

    static int positive(String name, int value) {
        if (value <= 0) {
            throw InvalidInputException.of(name + " must be positive, got " + value);
        }
        return value;
    }

    static int nonNegative(String name, int value) {
        if (value < 0) {
            throw InvalidInputException.of(name + " must be >= 0, got " + value);
        }
        return value;
    }

    /** A finite value greater than zero (rejects NaN and infinities). */
    static double positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw InvalidInputException.of(name + " must be a finite number > 0, got " + value);
        }
        return value;
    }

    /** A finite value greater than or equal to zero (rejects NaN and infinities). */
    static double nonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw InvalidInputException.of(name + " must be a finite number >= 0, got " + value);
        }
        return value;
    }
}
