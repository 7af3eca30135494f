package dev.posplan.planners;

import dev.posplan.multimodal.ApiNamed;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One typed scheme parameter as a scheme declares it: name, type, default, allowed range or values,
 * description. The same declaration reads and validates a request's value ({@link #read}), fills the default,
 * and lists the parameter in the catalogue ({@code GET /v1/schemes}); a scheme declares its parameters once
 * ({@link SchemeDeclaration#parameters()}) and builds itself from {@link SchemeParams#get} of them.
 * Immutable; {@link #withDefault} gives a shared declaration (such as {@code rope_theta}) a scheme's default.
 *
 * @param <T> the Java value type ({@code Integer}, {@code Double}, {@code Boolean}, an {@link ApiNamed} enum,
 *            {@code int[]}, {@code double[]} or {@code Object} for a number-or-keyword)
 */
public final class Parameter<T> {

    /** The JSON type of a parameter, as the catalogue lists it. */
    public enum Type implements ApiNamed {
        INTEGER("integer"), NUMBER("number"), BOOLEAN("boolean"), STRING("string"),
        INTEGER_LIST("integer[]"), NUMBER_LIST("number[]"), NUMBER_OR_KEYWORD("number|boolean");

        private final String apiName;

        Type(String apiName) {
            this.apiName = apiName;
        }

        @Override
        public String apiName() {
            return apiName;
        }
    }

    /**
     * What values are allowed: a closed or open range of numbers (for lists: of each element), a list of
     * names, or anything of the type ({@link #ANY}).
     *
     * @param min          lower bound or null
     * @param minExclusive whether {@code min} itself is excluded
     * @param max          upper bound (inclusive) or null
     * @param values       the allowed names, empty unless a choice
     */
    public record Allowed(Double min, boolean minExclusive, Double max, List<String> values) {
        public static final Allowed ANY = new Allowed(null, false, null, List.of());

        public Allowed {
            values = List.copyOf(values);
        }

        /** {@code min <= v <= max}. */
        public static Allowed between(double min, double max) {
            return new Allowed(min, false, max, List.of());
        }

        /** {@code v > min}. */
        public static Allowed above(double min) {
            return new Allowed(min, true, null, List.of());
        }

        /** {@code v >= min}. */
        public static Allowed atLeast(double min) {
            return new Allowed(min, false, null, List.of());
        }

        public static Allowed oneOf(List<String> values) {
            return new Allowed(null, false, null, values);
        }

        boolean admits(double v) {
            return (min == null || (minExclusive ? v > min : v >= min)) && (max == null || v <= max);
        }

        /** The range in words, e.g. {@code > 0} or {@code in 1..4096}. */
        String describe() {
            if (!values.isEmpty()) {
                return "one of " + values;
            }
            String lo = min == null ? null : format(min);
            String hi = max == null ? null : format(max);
            if (lo != null && hi != null && !minExclusive) {
                return "in " + lo + ".." + hi;
            }
            String s = lo == null ? "" : (minExclusive ? "> " : ">= ") + lo;
            return hi == null ? s : s + (s.isEmpty() ? "" : " and ") + "<= " + hi;
        }

        private static String format(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
    }

    private final String name;
    private final Type type;
    private final T defaultValue;
    private final Allowed allowed;
    private final String description;
    private final Function<Object, T> reader;
    private final Function<T, Object> shown;

    private Parameter(String name, Type type, T defaultValue, Allowed allowed, String description,
            Function<Object, T> reader, Function<T, Object> shown) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = type;
        this.defaultValue = defaultValue;
        this.allowed = allowed;
        this.description = Objects.requireNonNull(description, "description");
        this.reader = reader;
        this.shown = shown;
    }

    /** An integer in {@code allowed}. */
    public static Parameter<Integer> integer(String name, int def, Allowed allowed, String description) {
        return new Parameter<>(name, Type.INTEGER, def, allowed, description, null, v -> v).reading(
                p -> raw -> {
                    if (!isInt(raw)) {
                        throw p.bad(raw, "an integer");
                    }
                    return p.inRange(((Number) raw).intValue());
                });
    }

    /** A finite number in {@code allowed}. */
    public static Parameter<Double> number(String name, double def, Allowed allowed, String description) {
        return new Parameter<>(name, Type.NUMBER, def, allowed, description, null, v -> v).reading(
                p -> raw -> {
                    if (!(raw instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                        throw p.bad(raw, "a finite number");
                    }
                    return p.inRange(n.doubleValue());
                });
    }

    /** {@code true} or {@code false}. */
    public static Parameter<Boolean> bool(String name, boolean def, String description) {
        return new Parameter<>(name, Type.BOOLEAN, def, Allowed.ANY, description, null, v -> v).reading(
                p -> raw -> {
                    if (!(raw instanceof Boolean b)) {
                        throw p.bad(raw, "true or false");
                    }
                    return b;
                });
    }

    /** One of the API names of {@code type}'s constants, parsed here, once, into the constant. */
    public static <E extends Enum<E> & ApiNamed> Parameter<E> choice(String name, Class<E> type, E def,
            String description) {
        List<String> names = ApiNamed.names(type);
        return new Parameter<E>(name, Type.STRING, def, Allowed.oneOf(names), description, null, ApiNamed::apiName)
                .reading(p -> raw -> {
                    if (!(raw instanceof String s)) {
                        throw p.bad(raw, "one of " + names);
                    }
                    if (!names.contains(s)) {
                        throw p.invalid("must be one of " + names + ", got " + SchemeParams.clip(s));
                    }
                    return ApiNamed.parse(type, s, name);
                });
    }

    /** A list of integers, each in {@code each}; {@code def} null means none by default. */
    public static Parameter<int[]> integers(String name, int[] def, Allowed each, String description) {
        return new Parameter<int[]>(name, Type.INTEGER_LIST, def == null ? null : def.clone(), each, description, null,
                v -> Arrays.stream(v).boxed().toList()).reading(p -> raw -> {
                    if (raw instanceof int[] a) {
                        raw = Arrays.stream(a).boxed().toList();
                    }
                    if (!(raw instanceof List<?> list)) {
                        throw p.bad(raw, "a list of integers");
                    }
                    int[] out = new int[list.size()];
                    for (int i = 0; i < out.length; i++) {
                        if (!isInt(list.get(i))) {
                            throw p.bad(list.get(i) + " at index " + i, "a list of integers");
                        }
                        out[i] = p.inRange(((Number) list.get(i)).intValue());
                    }
                    return out;
                });
    }

    /** A list of finite numbers, each in {@code each}; {@code def} null means none by default. */
    public static Parameter<double[]> numbers(String name, double[] def, Allowed each, String description) {
        return new Parameter<double[]>(name, Type.NUMBER_LIST, def == null ? null : def.clone(), each, description,
                null, v -> Arrays.stream(v).boxed().toList()).reading(p -> raw -> {
                    if (raw instanceof double[] a) {
                        raw = Arrays.stream(a).boxed().toList();
                    }
                    if (!(raw instanceof List<?> list)) {
                        throw p.bad(raw, "a list of numbers");
                    }
                    double[] out = new double[list.size()];
                    for (int i = 0; i < out.length; i++) {
                        if (!(list.get(i) instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                            throw p.bad(raw, "a list of finite numbers");
                        }
                        out[i] = p.inRange(n.doubleValue());
                    }
                    return out;
                });
    }

    /**
     * A value that is a number or a keyword ({@code true}/{@code false}), as some reference configs accept
     * (CircleRoPE's {@code radius}, {@code dff_rate}); the scheme interprets it.
     */
    public static Parameter<Object> numberOrKeyword(String name, Object def, String description) {
        return new Parameter<>(name, Type.NUMBER_OR_KEYWORD, def, Allowed.ANY, description, raw -> raw, v -> v);
    }

    private Parameter<T> reading(Function<Parameter<T>, Function<Object, T>> make) {
        Parameter<T> self = this;
        Function<Object, T> r = raw -> make.apply(self).apply(raw);
        return new Parameter<>(name, type, defaultValue, allowed, description, r, shown);
    }

    /** The same parameter with another default (a scheme's reference checkpoint value). */
    public Parameter<T> withDefault(T def) {
        return new Parameter<>(name, type, def, allowed, description, reader, shown);
    }

    /** The same parameter with another description. */
    public Parameter<T> describedAs(String text) {
        return new Parameter<>(name, type, defaultValue, allowed, text, reader, shown);
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    /** The default as it appears on the wire (an API name, a list, a number), or null when there is none. */
    public Object defaultValue() {
        return defaultValue == null ? null : shown.apply(copy(defaultValue));
    }

    public Allowed allowed() {
        return allowed;
    }

    public String description() {
        return description;
    }

    /**
     * The value of this parameter given {@code raw} (null: the default), validated.
     *
     * @throws SchemeParams.InvalidParameterException naming the parameter
     */
    public T read(Object raw) {
        return raw == null ? copy(defaultValue) : reader.apply(raw);
    }

    /** {@code value} as the effective parameter map shows it. */
    Object show(T value) {
        return value == null ? null : shown.apply(value);
    }

    /** An error naming this parameter, for checks that involve other parameters or the input. */
    public SchemeParams.InvalidParameterException invalid(String message) {
        return new SchemeParams.InvalidParameterException(name, message);
    }

    /** A value of the wrong JSON type: the service answers it like any other wrong type in the body (400). */
    private SchemeParams.InvalidParameterException bad(Object raw, String expected) {
        return new SchemeParams.InvalidParameterException(name, "must be " + expected + ", got "
                + SchemeParams.clip(String.valueOf(raw)), true);
    }

    private int inRange(int v) {
        inRange((double) v);
        return v;
    }

    private double inRange(double v) {
        if (!allowed.admits(v)) {
            throw invalid("must be " + allowed.describe() + ", got " + (v == Math.rint(v) ? Long.toString((long) v)
                    : Double.toString(v)));
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private static <T> T copy(T v) {
        if (v instanceof int[] a) {
            return (T) a.clone();
        }
        if (v instanceof double[] a) {
            return (T) a.clone();
        }
        return v;
    }

    /** An integral number in the int range (so that {@code intValue()} neither wraps nor truncates). */
    private static boolean isInt(Object v) {
        return v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE;
    }

    @Override
    public String toString() {
        return "Parameter[" + name + ": " + type.apiName() + " = " + defaultValue() + ", " + allowed.describe() + "]";
    }
}
