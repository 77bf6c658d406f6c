package dev.chatsdk.jakarta.tck;

import java.util.List;

/**
 * The kit's test groups, as JUnit tag names. {@link RequiredSuite} runs what every deployment must
 * pass; {@link FullSuite} runs them all, and {@code TagsSelfTest} checks that no tag is left out of it.
 */
public final class TckTags {
    /** The app-facing token endpoint: response shape, claims, 401, Cache-Control. Required. */
    public static final String CORE = "core";
    /** Role-based access (needs a denied user). Required. */
    public static final String ROLES = "roles";
    /** Error bodies, methods, unknown paths, request ids. Required. */
    public static final String ERRORS = "errors";
    /** The server-to-server token API (needs the API key of a local-issuer deployment). */
    public static final String TOKEN_API = "token-api";
    /** Refresh rotation, both credential forms, aliases, grace. */
    public static final String REFRESH = "refresh";
    /** Logout, revoke-tokens, validate. */
    public static final String REVOCATION = "revocation";

    /** Structured garbage in every token slot: always a 4xx JSON error (or RFC 7009's 200 on logout), never a 5xx. Required. */
    public static final String MALFORMED_TOKENS = "malformed-tokens";
    /** Tokens signed with the right key but naming another user or app (needs the target's signing key). */
    public static final String BINDING = "binding";
    /** Body size, content type, JSON syntax on the session endpoints, and the rate limit (when declared). */
    public static final String LIMITS = "limits";
    /** The JWKS endpoint: the public keys of RS256/ES256 targets, 404 with HS256 (needs the declared algorithm). */
    public static final String JWKS = "jwks";
    /** The application's own logout ends the chat sessions of that login (needs its session and logout paths). */
    public static final String APP_LOGOUT = "app-logout";

    /** Every tag, as {@link FullSuite} includes them. */
    public static final List<String> ALL = List.of(CORE, ROLES, ERRORS, MALFORMED_TOKENS, TOKEN_API, REFRESH, REVOCATION,
            BINDING, LIMITS, JWKS, APP_LOGOUT);

    private TckTags() {
    }
}
