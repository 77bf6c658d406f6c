package dev.chatsdk.jakarta.token;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.io.CharTypes;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * JSON text written straight into a {@link StringBuilder}, for the two hot paths that write the same few
 * shapes on every request (token claims, the token response): strings escaped by Jackson's
 * {@link JsonStringEncoder} exactly as its generators escape them. Anything richer goes through an
 * {@code ObjectMapper}.
 */
public final class JsonText {
    private static final JsonStringEncoder ESCAPE = JsonStringEncoder.getInstance();
    /** Jackson's table of the ASCII characters its generators escape (non-zero); other characters go out as they are. */
    private static final int[] ESCAPED = CharTypes.get7BitOutputEscapes();

    private JsonText() {
    }

    /** Appends a JSON string, or {@code null}. */
    public static StringBuilder string(StringBuilder json, String value) {
        if (value == null) {
            return json.append("null");
        }
        return escaped(json.append('"'), value).append('"');
    }

    /**
     * Appends the characters of a string as they go between quotes: in one copy when nothing needs escaping
     * (tokens, ids, most names), else through Jackson's encoder, which appends character by character.
     */
    static StringBuilder escaped(StringBuilder json, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < ESCAPED.length && ESCAPED[c] != 0) {
                ESCAPE.quoteAsString(value, json);
                return json;
            }
        }
        return json.append(value);
    }

    /**
     * Appends a JSON value: what java-jwt accepts in a claim ({@code null}, strings, booleans, {@code Integer},
     * {@code Long}, finite {@code Double}, {@code Date} and {@code Instant} as seconds, maps with string keys,
     * lists, and {@code Integer[]}, {@code Long[]}, {@code String[]}).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static void value(StringBuilder json, Object value) {
        if (value == null || value instanceof String) {
            string(json, (String) value);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            json.append(value);
        } else if (value instanceof Double) {
            double d = (Double) value;
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("not a JSON number");
            }
            json.append(d);
        } else if (value instanceof Date) {
            json.append(((Date) value).getTime() / 1000);
        } else if (value instanceof Instant) {
            json.append(((Instant) value).getEpochSecond());
        } else if (value instanceof Map) {
            json.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                if (!(e.getKey() instanceof String)) {
                    throw new IllegalArgumentException("a map key that is not a string");
                }
                if (!first) {
                    json.append(',');
                }
                first = false;
                string(json, (String) e.getKey());
                json.append(':');
                value(json, e.getValue());
            }
            json.append('}');
        } else if (value instanceof List) {
            array(json, ((List<?>) value).toArray());
        } else if (value instanceof Integer[] || value instanceof Long[] || value instanceof String[]) {
            array(json, (Object[]) value);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static void array(StringBuilder json, Object[] values) {
        json.append('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                json.append(',');
            }
            value(json, values[i]);
        }
        json.append(']');
    }
}
