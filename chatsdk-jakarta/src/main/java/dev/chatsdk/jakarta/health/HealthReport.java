package dev.chatsdk.jakarta.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One health report of the module: UP or DOWN, and flat data (names with dots, values that are strings, whole
 * numbers or booleans, as MicroProfile Health allows) that never holds a secret, a URL or a token. The data (key
 * id, key age, what is wrong) is for operators: the public JSON leaves it out. Immutable.
 */
public final class HealthReport {
    /** The name of the check, in the JSON and in MicroProfile Health. */
    public static final String NAME = "chatsdk";

    private final boolean up;
    private final Map<String, Object> data;

    HealthReport(boolean up, Map<String, Object> data) {
        this.up = up;
        this.data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** @return whether tokens can be issued and refreshed now */
    public boolean up() {
        return up;
    }

    /** @return {@code UP} or {@code DOWN} */
    public String status() {
        return up ? "UP" : "DOWN";
    }

    /** @return what was checked, in report order: {@code String}, {@code Long} or {@code Boolean} values */
    public Map<String, Object> data() {
        return data;
    }

    /**
     * @param details whether to show the {@link #data() data}; without, the report tells a probe only what it
     *                needs: the status and the named check
     * @return the report in MicroProfile Health's JSON shape: {@code {status, checks: [{name, status, data}]}},
     *         without {@code data} when {@code details} is {@code false} (it is optional there)
     */
    public Map<String, Object> json(boolean details) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("name", NAME);
        check.put("status", status());
        if (details) {
            check.put("data", data);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status());
        body.put("checks", List.of(check));
        return body;
    }

    @Override
    public String toString() {
        return "HealthReport[" + status() + ", " + data + "]";
    }
}
