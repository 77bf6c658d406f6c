package dev.chatsdk.jakarta.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link TokenIssuer} or a {@link SessionStore} reports about itself to the readiness check
 * ({@code GET {api-base}/health} and MicroProfile Health): whether it can serve, and details the report shows under
 * their keys as given. By convention an issuer's keys name what they describe ({@code signingKey.algorithm},
 * {@code upstream.reachable}) and a store's start with {@code sessionStore}. Details are shown to whoever may see
 * them: never put a secret here.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @since 0.2
 */
public final class Health {
    private final boolean up;
    private final Map<String, Object> details;

    private Health(boolean up, Map<String, Object> details) {
        this.up = up;
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(details, "details")));
    }

    /**
     * @param details what to show, in this order: strings, booleans and numbers
     * @return a report that it can serve
     */
    public static Health up(Map<String, Object> details) {
        return new Health(true, details);
    }

    /**
     * @param details what to show, in this order, with what is wrong: strings, booleans and numbers
     * @return a report that it cannot serve: the module is DOWN
     */
    public static Health down(Map<String, Object> details) {
        return new Health(false, details);
    }

    /** @return whether it can serve */
    public boolean isUp() {
        return up;
    }

    /** @return the details, in their order; unmodifiable */
    public Map<String, Object> details() {
        return details;
    }

    @Override
    public String toString() {
        return "Health[" + (up ? "UP" : "DOWN") + ", " + details.keySet() + "]";
    }
}
