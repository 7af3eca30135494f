package dev.posplan.multimodal;

import java.util.Arrays;
import java.util.List;

/**
 * A choice with a stable API name (a compatibility mode, a decode rule, …): the enums of posplan's named
 * options implement it, and {@link #parse} is the one lookup from a name to the constant.
 */
public interface ApiNamed {

    /** The name used on the wire and in scheme parameters, e.g. {@code hf-4.51}. */
    String apiName();

    /** The API names of every constant of {@code type}, in declaration order. */
    static <E extends Enum<E> & ApiNamed> List<String> names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(ApiNamed::apiName).toList();
    }

    /**
     * The constant of {@code type} named {@code name}.
     *
     * @param what what the name names, for the message ("compat", "block detection", …)
     * @throws IllegalArgumentException listing the known names
     */
    static <E extends Enum<E> & ApiNamed> E parse(Class<E> type, String name, String what) {
        for (E e : type.getEnumConstants()) {
            if (e.apiName().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + name + "'; known: " + names(type));
    }
}
