package dev.chatsdk.jakarta.identity;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A claim's value as JSON-shaped Java (string, number, boolean, list, map), whatever library produced it: JSON-P
 * values (MicroProfile JWT, Jakarta Security) are read back through their JSON text, jose4j's maps and lists (WildFly's
 * OIDC client) are copied.
 */
final class ClaimValues {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClaimValues() {
    }

    /** @return the value as JSON-shaped Java; {@code null} stays {@code null}, and so does JSON {@code null} */
    static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Collection) {
            List<Object> items = new ArrayList<>();
            for (Object item : (Collection<?>) value) {
                items.add(plain(item));
            }
            return items;
        }
        if (value instanceof Map && !isJsonP(value)) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
            return copy;
        }
        return fromJsonText(value);
    }

    /** JSON-P's objects are maps too, of JSON-P values: read whole through their text, which is exact. */
    private static boolean isJsonP(Object value) {
        for (Class<?> c = value.getClass(); c != null; c = c.getSuperclass()) {
            for (Class<?> itf : c.getInterfaces()) {
                if (itf.getName().startsWith("jakarta.json.") || itf.getName().startsWith("javax.json.")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Object fromJsonText(Object jsonValue) {
        try {
            return JSON.readValue(String.valueOf(jsonValue), Object.class);
        } catch (IOException e) {
            return String.valueOf(jsonValue);
        }
    }
}
