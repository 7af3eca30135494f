package dev.posplan.planners;

import dev.posplan.multimodal.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Scheme parameters as they arrive (from JSON or code). A scheme reads them through its declared
 * {@link Parameter}s ({@link #get}), which validate, apply defaults and are remembered: {@link #effective()} is
 * the parameter set of the built scheme. {@link #requireDeclared} rejects names the scheme does not declare,
 * so a misspelt option is an error, not a silent default.
 */
public final class SchemeParams {

    private final Map<String, Object> given;
    private final Map<String, Object> effective = new LinkedHashMap<>();

    public SchemeParams(Map<String, ?> given) {
        this.given = new LinkedHashMap<>(given);
    }

    public static SchemeParams empty() {
        return new SchemeParams(Map.of());
    }

    public static SchemeParams of(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new SchemeParams(m);
    }

    /** Whether the request gives {@code parameter} (null counts as absent). */
    public boolean has(Parameter<?> parameter) {
        return given.get(parameter.name()) != null;
    }

    /**
     * The value of {@code parameter}: the given one, validated by the declaration, or its default. Recorded in
     * {@link #effective()}.
     *
     * @throws InvalidParameterException naming the parameter
     */
    public <T> T get(Parameter<T> parameter) {
        T out = parameter.read(given.get(parameter.name()));
        effective.put(parameter.name(), parameter.show(out));
        return out;
    }

    /**
     * The value of {@code parameter} if the request gives it, else {@code fallback} (a default that depends on
     * another parameter, e.g. a {@code compat} mode's choice). Recorded in {@link #effective()}.
     */
    public <T> T getOr(Parameter<T> parameter, T fallback) {
        T out = has(parameter) ? parameter.read(given.get(parameter.name())) : fallback;
        effective.put(parameter.name(), parameter.show(out));
        return out;
    }

    /**
     * Fails on a given parameter the scheme does not declare, with an {@link InvalidParameterException} naming
     * the first unknown name (alphabetically) and listing all of them and the declared ones.
     */
    public void requireDeclared(java.util.Collection<Parameter<?>> declared) {
        TreeSet<String> unknown = new TreeSet<>(given.keySet());
        List<String> names = declared.stream().map(Parameter::name).toList();
        unknown.removeAll(names);
        if (!unknown.isEmpty()) {
            throw new InvalidParameterException(unknown.first(), "is unknown (unknown parameter(s) "
                    + clip(unknown.toString()) + "; known: " + names + ")");
        }
    }

    /** Every parameter read so far with the value used. */
    public Map<String, Object> effective() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(effective));
    }

    /** An error naming the parameter, for checks a getter cannot make alone. */
    public static IllegalArgumentException invalid(String name, String message) {
        return new InvalidParameterException(name, message);
    }

    /** A bad parameter value; {@link #parameter()} names it, {@link #field()} is {@code params.<name>}. */
    public static final class InvalidParameterException extends InvalidInputException {
        private static final long serialVersionUID = 1L;
        private final String parameter;
        private final boolean wrongType;

        public InvalidParameterException(String parameter, String message) {
            this(parameter, message, false);
        }

        /** @param wrongType the value has the wrong JSON type (a string for a number), not a bad value */
        public InvalidParameterException(String parameter, String message, boolean wrongType) {
            super("params." + parameter, "parameter '" + clip(parameter) + "' " + message);
            this.parameter = parameter;
            this.wrongType = wrongType;
        }

        public String parameter() {
            return parameter;
        }

        public boolean wrongType() {
            return wrongType;
        }
    }

    /** Client text quoted in a message, cut to 200 characters. */
    static String clip(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
