package dev.chatsdk.jakarta.identity;

import java.util.List;
import java.util.function.Function;

/**
 * The claims of one login, from one or more tokens (an ID token, then an access token, or userinfo) read in order:
 * a claim's value is the first token's that has it, as JSON-shaped Java ({@link ClaimValues}).
 */
final class Claims {
    private final String source;
    private final List<Function<String, Object>> tokens;

    /**
     * @param source what carries the claims, as the log names it ({@code WildFly OIDC}…)
     * @param tokens the tokens' claim lookups, in order; each answers {@code null} for a claim it lacks
     */
    Claims(String source, List<Function<String, Object>> tokens) {
        this.source = source;
        this.tokens = List.copyOf(tokens);
    }

    /** @return what carries the claims */
    String source() {
        return source;
    }

    /** @return the claim's value, or {@code null} when no token has it */
    Object get(String name) {
        for (Function<String, Object> token : tokens) {
            Object value = ClaimValues.plain(token.apply(name));
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
