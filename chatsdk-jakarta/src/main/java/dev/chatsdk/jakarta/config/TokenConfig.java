package dev.chatsdk.jakarta.config;

import java.time.Duration;
import java.util.List;

/**
 * The claims and lifetimes of the tokens ({@code chatsdk.token.*}). Immutable.
 *
 * @since 0.3
 */
public final class TokenConfig {
    /** Leeway for token times: beyond a few minutes, expired tokens stay valid; NTP keeps clocks within seconds. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    /** An access token cannot be revoked for signature-only verifiers; a day is already long. */
    static final Duration MAX_ACCESS_TTL = Duration.ofDays(1);
    /** Refresh tokens and sessions: a year, far from what a JWT {@code exp} or a SQL timestamp can hold. */
    static final Duration MAX_SESSION = Duration.ofDays(365);

    /** Access (and ws) token lifetime; default {@code PT1H}; whole seconds, at most {@code P1D}. */
    public static final Setting<Duration> ACCESS_TTL = Setting.duration("chatsdk.token.access-ttl", Duration.ofHours(1))
            .wholeSeconds().atMost(MAX_ACCESS_TTL, "signature-only verifiers accept an access token until it "
                    + "expires, whatever was revoked");
    /** Refresh token lifetime; default {@code P7D}; whole seconds, longer than the access one, at most a year. */
    public static final Setting<Duration> REFRESH_TTL = Setting.duration("chatsdk.token.refresh-ttl", Duration.ofDays(7))
            .wholeSeconds().atMost(MAX_SESSION, "a refresh token lives no longer than its session, and a session at "
                    + "most a year");
    /** The {@code iss} claim; default {@code chatsdk-api}. */
    public static final Setting<String> ISSUER = Setting.text("chatsdk.token.issuer", "chatsdk-api");
    /** The {@code aud} claim; default {@code chatsdk-client}. */
    public static final Setting<String> AUDIENCE = Setting.text("chatsdk.token.audience", "chatsdk-client");
    /** The {@code scopes} claim (comma-separated); default the six chat scopes. */
    public static final Setting<List<String>> SCOPES = Setting.list("chatsdk.token.scopes").withDefault(List.of(
            "chat:read", "chat:write", "reaction:write", "typing:write", "upload:write", "search:read"));
    /** Leeway for {@code exp}, {@code nbf} and {@code iat} when verifying; default {@code PT30S}; at most {@code PT5M}. */
    public static final Setting<Duration> CLOCK_SKEW = Setting.duration("chatsdk.token.clock-skew",
            Duration.ofSeconds(30)).zeroAllowed().atMost(MAX_CLOCK_SKEW, "a larger leeway keeps expired tokens valid "
                    + "(keep the clocks in step with NTP instead)");


    private final Duration accessTtl;
    private final Duration refreshTtl;
    private final String issuer;
    private final String audience;
    private final List<String> scopes;
    private final Duration clockSkew;

    private TokenConfig(ConfigValues v) {
        this.accessTtl = v.get(ACCESS_TTL);
        this.refreshTtl = v.get(REFRESH_TTL);
        this.issuer = v.get(ISSUER);
        this.audience = v.get(AUDIENCE);
        this.scopes = List.copyOf(v.get(SCOPES));
        this.clockSkew = v.get(CLOCK_SKEW);
    }

    /**
     * @param v the values; this part's problems are added to them
     * @return the part
     */
    public static TokenConfig from(ConfigValues v) {
        TokenConfig c = new TokenConfig(v);
        v.check(ACCESS_TTL);
        v.check(REFRESH_TTL);
        if (c.accessTtl != null && c.refreshTtl != null && c.refreshTtl.compareTo(c.accessTtl) <= 0) {
            v.add("CHATSDK-022: %s (%s) must be longer than %s (%s); raise it (the default is P7D)",
                    v.where(REFRESH_TTL), c.refreshTtl, v.where(ACCESS_TTL), c.accessTtl);
        }
        v.check(CLOCK_SKEW);
        v.check(SCOPES);
        Checks.notBlank(v, ISSUER, c.issuer);
        Checks.notBlank(v, AUDIENCE, c.audience);
        return c;
    }

    /** @return the access and ws token lifetime */
    public Duration accessTtl() {
        return accessTtl;
    }

    /** @return the refresh token lifetime */
    public Duration refreshTtl() {
        return refreshTtl;
    }

    /** @return the {@code iss} claim */
    public String issuer() {
        return issuer;
    }

    /** @return the {@code aud} claim */
    public String audience() {
        return audience;
    }

    /** @return the {@code scopes} claim */
    public List<String> scopes() {
        return scopes;
    }

    /** @return the leeway for token times */
    public Duration clockSkew() {
        return clockSkew;
    }

    @Override
    public String toString() {
        return "token[accessTtl=" + accessTtl + ", refreshTtl=" + refreshTtl + ", issuer=" + issuer + ", audience="
                + audience + ", scopes=" + scopes + ", clockSkew=" + clockSkew + "]";
    }
}
