package dev.posplan.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.posplan.api.TimestampTokens;
import java.io.CharConversionException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Describes why a request body did not read as a request: a detail a client can act on, in JSON terms rather
 * than Java types, never Jackson's own words (they name its classes and features), quoting at most 200 characters
 * of input; and the field as a path into the request JSON ({@code parts[1].grid}), empty when the body as a whole
 * is at fault.
 */
final class JsonErrors {

    private JsonErrors() {
    }

    /** @param missing a required value is absent: readable, but not plannable (422, as when it is null) */
    record Described(String detail, String field, boolean missing) {
        Described(String detail, String field) {
            this(detail, field, false);
        }
    }

    static Described describe(HttpMessageNotReadableException ex) {
        JacksonException je = ex.getCause() instanceof JacksonException j ? j
                : NestedExceptionUtils.getMostSpecificCause(ex) instanceof JacksonException j ? j : null;
        if (je == null) {
            return new Described(NestedExceptionUtils.getMostSpecificCause(ex) instanceof CharConversionException
                    ? "the request body is not valid UTF-8" : "the request body is missing or is not JSON", "");
        }
        String field = path(je.getPath());
        String subject = field.isEmpty() ? "the request body" : field;
        if (je instanceof UnrecognizedPropertyException u) {
            String parent = path(je.getPath().subList(0, je.getPath().size() - 1));
            String known = new TreeSet<>(u.getKnownPropertyIds().stream().map(String::valueOf).toList()).toString();
            return new Described((parent.isEmpty() ? "the request body" : parent) + ": unknown field '"
                    + V1PlanMapper.clip(u.getPropertyName()) + "'; known: " + known, field);
        }
        if (je instanceof InvalidTypeIdException t) {
            String typeField = field.isEmpty() ? "type" : field + ".type";
            String known = knownTypeIds(t.getBaseType().getRawClass());
            return new Described(t.getTypeId() == null ? typeField + " is required; one of " + known
                    : typeField + " '" + V1PlanMapper.clip(t.getTypeId()) + "' is unknown; known: " + known, typeField);
        }
        if (je instanceof MismatchedInputException && je.getOriginalMessage().startsWith("Trailing token")) {
            return new Described("the request body holds more than one JSON value" + location(je.getLocation()), "");
        }
        if (je instanceof MismatchedInputException || je instanceof ValueInstantiationException) {
            boolean missing = je.getOriginalMessage().startsWith("Missing required");
            return new Described(subject + (missing ? " is required" : " must be " + kind(declaredType(je))), field,
                    missing);
        }
        // Not JSON at all, a number out of range or past the parser's bounds: said in JSON terms, at the
        // parser's position (Jackson's own messages name its classes and features).
        if (field.isEmpty() && je instanceof StreamReadException s && s.processor() != null) {
            field = path(s.processor().streamReadContext());
        }
        return new Described((field.isEmpty() ? "" : field + ": ") + syntax(je) + location(je.getLocation()), field);
    }

    /** What is wrong with a document that does not parse. */
    private static String syntax(JacksonException je) {
        String m = String.valueOf(je.getOriginalMessage());
        if (je instanceof StreamConstraintsException) {
            return m.contains("nesting depth") ? "the JSON nests deeper than a request may"
                    : m.contains("Number value length") ? "a number has more digits than a request may"
                    : m.contains("String value length") ? "a string is longer than a request may"
                    : m.contains("Name length") ? "a field name is longer than a request may"
                    : "the JSON is larger than a request may be";
        }
        if (je instanceof InputCoercionException) {
            return "the number is out of range for an integer";
        }
        if (je instanceof UnexpectedEndOfInputException) {
            return "the JSON ends before its value is complete";
        }
        if (m.startsWith("Non-standard token") || m.contains("NaN") || m.contains("Infinity")) {
            return "NaN and Infinity are not JSON numbers";
        }
        if (m.startsWith("Invalid UTF-8") || m.contains("UTF-8")) {
            return "the request body is not valid UTF-8";
        }
        if (m.contains("control character") || m.contains("CTRL-CHAR")) {
            return "a string holds an unescaped control character";
        }
        if (m.contains("escape")) {
            return "a string holds an invalid escape";
        }
        return "the request body is not valid JSON";
    }

    /** {@code parts[1].grid} from Jackson's reference chain; empty for the root. */
    private static String path(List<JacksonException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference r : refs) {
            if (r.getPropertyName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** The same path for the parser's position inside a document that is not valid JSON. */
    private static String path(TokenStreamContext ctx) {
        StringBuilder sb = new StringBuilder();
        for (TokenStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                sb.insert(0, "[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.currentName() != null) {
                sb.insert(0, (c.getParent() != null && !c.getParent().inRoot() ? "." : "") + c.currentName());
            }
        }
        return sb.toString();
    }

    /**
     * The Java type the failing value was meant for: the declared type of the record component the last path
     * element names (what the client wrote the value for), else the type Jackson was reading.
     */
    private static Class<?> declaredType(JacksonException je) {
        List<JacksonException.Reference> refs = je.getPath();
        if (!refs.isEmpty()) {
            JacksonException.Reference last = refs.get(refs.size() - 1);
            Object from = last.from();
            Class<?> owner = from instanceof Class<?> c ? c : from != null ? from.getClass() : null;
            if (owner != null && owner.isRecord() && last.getPropertyName() != null) {
                for (RecordComponent rc : owner.getRecordComponents()) {
                    // @JsonProperty has no RECORD_COMPONENT target: Java puts it on the accessor (and field).
                    JsonProperty p = rc.getAccessor().getAnnotation(JsonProperty.class);
                    String name = p != null && !p.value().isEmpty() ? p.value() : rc.getName();
                    if (name.equals(last.getPropertyName())) {
                        return rc.getType();
                    }
                }
            }
        }
        if (je instanceof MismatchedInputException m) {
            return m.getTargetType();
        }
        return je instanceof ValueInstantiationException v && v.getType() != null ? v.getType().getRawClass() : null;
    }

    /** What JSON a Java type reads from, in words. */
    private static String kind(Class<?> type) {
        if (type == null) {
            return "of another JSON type";
        }
        if (type == TimestampTokens.class) {
            return "an integer or an array of integers";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == double.class || type == float.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static String location(TokenStreamLocation loc) {
        return loc == null || loc.getLineNr() < 1 ? ""
                : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }

    private static String knownTypeIds(Class<?> base) {
        JsonSubTypes sub = base.getAnnotation(JsonSubTypes.class);
        return sub == null ? "[]" : Arrays.toString(Arrays.stream(sub.value()).map(JsonSubTypes.Type::name).toArray());
    }
}
