package dev.posplan.planners;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scheme parameters as they arrive (from JSON or code), with typed getters that apply defaults and
 * remember what they returned. {@link #effective()} is the full parameter set of the built scheme;
 * {@link #requireAllRead()} rejects names no getter asked for, so a misspelt option is an error, not
 * a silent default.
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

    public boolean has(String name) {
        return given.containsKey(name) && given.get(name) != null;
    }

    public int getInt(String name, int def) {
        Object v = given.get(name);
        int out;
        if (v == null) {
            out = def;
        } else if (isInt(v)) {
            out = ((Number) v).intValue();
        } else {
            throw bad(name, v, "an integer");
        }
        effective.put(name, out);
        return out;
    }

    public double getDouble(String name, double def) {
        Object v = given.get(name);
        double out;
        if (v == null) {
            out = def;
        } else if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            out = n.doubleValue();
        } else {
            throw bad(name, v, "a finite number");
        }
        effective.put(name, out);
        return out;
    }

    public boolean getBoolean(String name, boolean def) {
        Object v = given.get(name);
        boolean out;
        if (v == null) {
            out = def;
        } else if (v instanceof Boolean b) {
            out = b;
        } else {
            throw bad(name, v, "true or false");
        }
        effective.put(name, out);
        return out;
    }

    public String getString(String name, String def, Set<String> allowed) {
        Object v = given.get(name);
        String out;
        if (v == null) {
            out = def;
        } else if (v instanceof String s && (allowed.isEmpty() || allowed.contains(s))) {
            out = s;
        } else {
            throw bad(name, v, allowed.isEmpty() ? "a string" : "one of " + new TreeSet<>(allowed));
        }
        effective.put(name, out);
        return out;
    }

    public int[] getIntArray(String name, int[] def) {
        Object v = given.get(name);
        int[] out;
        if (v == null) {
            out = def.clone();
        } else if (v instanceof int[] a) {
            out = a.clone();
        } else if (v instanceof List<?> list) {
            out = new int[list.size()];
            for (int i = 0; i < out.length; i++) {
                if (!isInt(list.get(i))) {
                    throw new InvalidParameterException(name, "must be a list of integers, got " + list.get(i)
                            + " at index " + i + " of " + v);
                }
                out[i] = ((Number) list.get(i)).intValue();
            }
        } else {
            throw bad(name, v, "a list of integers");
        }
        effective.put(name, List.of(java.util.Arrays.stream(out).boxed().toArray(Integer[]::new)));
        return out;
    }

    public double[] getDoubleArray(String name, double[] def) {
        Object v = given.get(name);
        double[] out;
        if (v == null) {
            out = def.clone();
        } else if (v instanceof double[] a) {
            out = a.clone();
        } else if (v instanceof List<?> list) {
            out = new double[list.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(list.get(i) instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                    throw bad(name, v, "a list of finite numbers");
                }
                out[i] = ((Number) list.get(i)).doubleValue();
            }
        } else {
            throw bad(name, v, "a list of numbers");
        }
        effective.put(name, List.of(java.util.Arrays.stream(out).boxed().toArray(Double[]::new)));
        return out;
    }

    /** The raw value of a parameter with no fixed type (e.g. a number or a keyword); recorded as given. */
    public Object getRaw(String name, Object def) {
        Object v = given.getOrDefault(name, def);
        effective.put(name, v);
        return v;
    }

    /** An integral number in the int range (so that {@code intValue()} neither wraps nor truncates). */
    private static boolean isInt(Object v) {
        return v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE;
    }

    /**
     * Fails when a parameter was given that no getter read, with an {@link InvalidParameterException} naming
     * the first unknown name (alphabetically) and listing all of them and the known ones.
     */
    public void requireAllRead() {
        TreeSet<String> unknown = new TreeSet<>(given.keySet());
        unknown.removeAll(effective.keySet());
        if (!unknown.isEmpty()) {
            throw new InvalidParameterException(unknown.first(), "is unknown (unknown parameter(s) " + unknown
                    + "; known: " + effective.keySet() + ")");
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

    private static IllegalArgumentException bad(String name, Object v, String expected) {
        return new InvalidParameterException(name, "must be " + expected + ", got " + v);
    }

    /** A bad parameter value; {@link #parameter()} names it. */
    public static final class InvalidParameterException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String parameter;

        public InvalidParameterException(String parameter, String message) {
            super("parameter '" + parameter + "' " + message);
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }
}
