package dev.chatsdk.jakarta.config;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.chatsdk.jakarta.web.IpRanges;
import dev.chatsdk.jakarta.web.Origins;

/**
 * The endpoints ({@code chatsdk.web.*}): paths, the keys the token API accepts, bodies, browser mode, health, and
 * the {@link Cors} and {@link Proxies} parts. Immutable; {@link #toString()} prints no secret.
 *
 * @since 0.3
 */
public final class WebConfig {
    /** Minimum length of an API key the token API accepts, in characters. */
    public static final int MIN_API_KEY_LENGTH = 32;
    /** Upper bound of {@link #MAX_BODY_SIZE}. */
    public static final int MAX_BODY_SIZE_LIMIT = 1024 * 1024;
    /** Upper bound of {@link #BODY_TIMEOUT}. */
    public static final Duration MAX_BODY_TIMEOUT = Duration.ofMinutes(5);

    /**
     * RFC 9110 §11.3: an auth scheme, then either a token68 or auth parameters ({@code name=token} or
     * {@code name="quoted string"}, comma-separated), on one line of printable ASCII.
     */
    private static final Pattern AUTH_CHALLENGE_FORM;

    static {
        String token = "[A-Za-z0-9!#$%&'*+.^_`|~-]+";
        String quoted = "\"(?:[\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]|\\\\[\\x20-\\x7e])*\"";
        String param = token + " *= *(?:" + token + "|" + quoted + ")";
        AUTH_CHALLENGE_FORM = Pattern.compile(token + "(?: +(?:[A-Za-z0-9._~+/-]+=*|" + param + "(?: *, *"
                + param + ")*))?");
    }

    /** API keys the server-to-server token API accepts in {@code X-API-Key} (comma-separated, for rotation); none: off. */
    public static final Setting<List<String>> API_KEYS = Setting.list("chatsdk.web.api-keys").asSecret();
    /** Path of the app-facing token endpoint; default {@code /api/chat/token}. */
    public static final Setting<String> TOKEN_PATH = Setting.text("chatsdk.web.token-path", "/api/chat/token");
    /** Base path of the token API; default {@code /chatsdk}. */
    public static final Setting<String> API_BASE = Setting.text("chatsdk.web.api-base", "/chatsdk");
    /** Largest accepted request body in bytes; default {@code 16384}. */
    public static final Setting<Integer> MAX_BODY_SIZE = Setting.integer("chatsdk.web.max-body-size", 16384, 1,
            MAX_BODY_SIZE_LIMIT);
    /** Longest wait for the whole body an endpoint needs, then 408; default {@code PT10S}; at most {@code PT5M}. */
    public static final Setting<Duration> BODY_TIMEOUT = Setting.duration("chatsdk.web.body-timeout",
            Duration.ofSeconds(10)).atMost(MAX_BODY_TIMEOUT, "a client that needs longer to send a few kilobytes holds "
                    + "a connection for nothing (the default is PT10S)");
    /** Whether the servlet filter answers: {@code auto} (default), {@code always} or {@code never}. */
    public static final Setting<ServletFilterMode> SERVLET_FILTER = Setting.choice("chatsdk.web.servlet-filter",
            ServletFilterMode.AUTO, ServletFilterMode::parse, "CHATSDK-034: %s is '%s'; use auto, always or never",
            "CHATSDK-034: %s is not set; use auto, always or never");
    /** Browser mode: the refresh token travels in a {@code __Host-} cookie instead of the body; default {@code false}. */
    public static final Setting<Boolean> REFRESH_COOKIE = Setting.bool("chatsdk.web.refresh-cookie", false,
            "CHATSDK-037");
    /** The {@code WWW-Authenticate} challenge sent with the token endpoint's 401, such as {@code Basic realm="app"}. */
    public static final Setting<String> AUTH_CHALLENGE = Setting.trimmed("chatsdk.web.auth-challenge", null)
            .asFreeText();
    /** Whether {@code GET {api-base}/health} answers with the health report; default {@code true}. */
    public static final Setting<Boolean> HEALTH_ENABLED = Setting.bool("chatsdk.web.health-enabled", true,
            "CHATSDK-025");
    /** What the application's logout (its {@code HttpSession.invalidate()}) revokes; default {@code sessions}. */
    public static final Setting<SessionEndRevokes> LOGOUT_ENDS = Setting.choice("chatsdk.web.logout-ends",
            SessionEndRevokes.SESSIONS, SessionEndRevokes::parse, "CHATSDK-055: %s is '%s'; use sessions, user or none",
            "CHATSDK-055: %s is not set; use sessions, user or none");
    /** What the idle expiry of the application's HTTP session revokes; default {@code none}. */
    public static final Setting<SessionEndRevokes> EXPIRY_ENDS = Setting.choice("chatsdk.web.expiry-ends",
            SessionEndRevokes.NONE, SessionEndRevokes::parse, "CHATSDK-055: %s is '%s'; use sessions, user or none",
            "CHATSDK-055: %s is not set; use sessions, user or none");
    /** Whether the health report shows its details to every caller; default {@code false}. */
    public static final Setting<Boolean> HEALTH_DETAILS = Setting.bool("chatsdk.web.health-details", false,
            "CHATSDK-025");

    private final List<String> apiKeys;
    private final String tokenPath;
    private final String apiBase;
    private final int maxBodySize;
    private final Duration bodyTimeout;
    private final ServletFilterMode servletFilter;
    private final boolean refreshCookie;
    private final String authChallenge;
    private final boolean healthEnabled;
    private final boolean healthDetails;
    private final SessionEndRevokes logoutEnds;
    private final SessionEndRevokes expiryEnds;
    private final Cors cors;
    private final Proxies proxies;

    private WebConfig(ConfigValues v) {
        this.apiKeys = List.copyOf(v.get(API_KEYS));
        this.tokenPath = Checks.trimSlash(v.get(TOKEN_PATH));
        this.apiBase = Checks.trimSlash(v.get(API_BASE));
        this.maxBodySize = v.get(MAX_BODY_SIZE);
        this.bodyTimeout = v.get(BODY_TIMEOUT);
        this.servletFilter = v.get(SERVLET_FILTER);
        this.refreshCookie = v.get(REFRESH_COOKIE);
        String challenge = v.get(AUTH_CHALLENGE);
        this.authChallenge = challenge == null || challenge.isBlank() ? null : challenge.trim();
        this.healthEnabled = v.get(HEALTH_ENABLED);
        this.healthDetails = v.get(HEALTH_DETAILS);
        this.logoutEnds = v.get(LOGOUT_ENDS);
        this.expiryEnds = v.get(EXPIRY_ENDS);
        this.cors = new Cors(v);
        this.proxies = new Proxies(v);
    }

    /**
     * @param v     the values; this part's problems are added to them
     * @param local whether the {@code local} issuer answers the token API, whose keys must then be long
     * @return the part
     */
    public static WebConfig from(ConfigValues v, boolean local) {
        WebConfig c = new WebConfig(v);
        v.check(API_KEYS);
        for (int i = 0; local && i < c.apiKeys.size(); i++) {
            String key = c.apiKeys.get(i);
            if (!key.isBlank() && key.length() < MIN_API_KEY_LENGTH) {
                v.add("CHATSDK-043: %s has a key at position %d that is %d characters long; the token API accepts "
                        + "only keys of at least %d characters, e.g. the output of 'openssl rand -base64 32'",
                        v.where(API_KEYS), i + 1, key.length(), MIN_API_KEY_LENGTH);
            }
        }
        Checks.path(v, TOKEN_PATH, c.tokenPath);
        Checks.path(v, API_BASE, c.apiBase);
        if (c.tokenPath != null && c.apiBase != null
                && (c.tokenPath.equals(c.apiBase) || c.tokenPath.startsWith(c.apiBase + "/"))) {
            v.add("CHATSDK-033: %s ('%s') must not lie under %s ('%s'); choose a path outside it",
                    v.where(TOKEN_PATH), c.tokenPath, v.where(API_BASE), c.apiBase);
        }
        v.check(MAX_BODY_SIZE);
        v.check(BODY_TIMEOUT);
        if (c.authChallenge != null
                && (!AUTH_CHALLENGE_FORM.matcher(c.authChallenge).matches() || c.authChallenge.length() > 1024)) {
            v.add("CHATSDK-039: %s is not a WWW-Authenticate challenge; give an auth scheme and its parameters in "
                    + "printable ASCII on one line, such as Basic realm=\"app\"", v.where(AUTH_CHALLENGE));
        }
        c.cors.check(v);
        v.check(SERVLET_FILTER);
        v.check(LOGOUT_ENDS);
        v.check(EXPIRY_ENDS);
        c.proxies.check(v);
        return c;
    }

    /** @return the keys the token API accepts in {@code X-API-Key}; empty when the token API is off. Never log them. */
    public List<String> apiKeys() {
        return apiKeys;
    }

    /** @return the app-facing token path, starting with {@code /}, without a trailing {@code /} */
    public String tokenPath() {
        return tokenPath;
    }

    /** @return the token API base path, starting with {@code /}, without a trailing {@code /} */
    public String apiBase() {
        return apiBase;
    }

    /** @return the largest accepted request body, in bytes */
    public int maxBodySize() {
        return maxBodySize;
    }

    /** @return the longest wait for a body an endpoint needs */
    public Duration bodyTimeout() {
        return bodyTimeout;
    }

    /** @return when the servlet filter answers */
    public ServletFilterMode servletFilter() {
        return servletFilter;
    }

    /** @return whether the refresh token travels in a cookie (browser mode) */
    public boolean refreshCookie() {
        return refreshCookie;
    }

    /** @return the {@code WWW-Authenticate} value of the token endpoint's 401; empty for none */
    public Optional<String> authChallenge() {
        return Optional.ofNullable(authChallenge);
    }

    /** @return whether {@code GET {api-base}/health} answers with the health report */
    public boolean healthEnabled() {
        return healthEnabled;
    }

    /** @return whether the health report shows its details to callers without an API key */
    public boolean healthDetails() {
        return healthDetails;
    }

    /** @return what the application's logout (ending the HTTP session the tokens were issued in) revokes */
    public SessionEndRevokes logoutEnds() {
        return logoutEnds;
    }

    /** @return what the idle expiry of the HTTP session the tokens were issued in revokes */
    public SessionEndRevokes expiryEnds() {
        return expiryEnds;
    }

    /** @return the browser origins allowed to call */
    public Cors cors() {
        return cors;
    }

    /** @return the reverse proxies believed */
    public Proxies proxies() {
        return proxies;
    }

    @Override
    public String toString() {
        return "web[apiKeys=" + apiKeys.size() + " set, tokenPath=" + tokenPath + ", apiBase=" + apiBase
                + ", maxBodySize=" + maxBodySize + ", bodyTimeout=" + bodyTimeout + ", servletFilter=" + servletFilter
                + ", refreshCookie=" + refreshCookie + ", authChallenge=" + authChallenge + ", healthEnabled="
                + healthEnabled + ", healthDetails=" + healthDetails + ", logoutEnds=" + logoutEnds + ", expiryEnds=" + expiryEnds
                + ", " + cors + ", " + proxies + "]";
    }

    /** Cross-origin calls from browsers ({@code chatsdk.web.cors.*}). Immutable. */
    public static final class Cors {
        /** Exact origins allowed to call the endpoints from a browser (CORS); none by default. */
        public static final Setting<List<String>> ALLOWED_ORIGINS = Setting.list("chatsdk.web.cors.allowed-origins");

        private final Set<String> allowedOrigins;

        private Cors(ConfigValues v) {
            this.allowedOrigins = Set.copyOf(new LinkedHashSet<>(v.get(ALLOWED_ORIGINS)));
        }

        private void check(ConfigValues v) {
            v.check(ALLOWED_ORIGINS);
            for (String origin : new LinkedHashSet<>(v.get(ALLOWED_ORIGINS))) {
                String problem = origin.isEmpty() ? null : Origins.problem(origin);
                if (problem == null) {
                    continue;
                }
                String printable = dev.chatsdk.jakarta.remote.RedactedUrl.of(origin);
                String suggestion = Origins.suggestion(origin);
                if (suggestion != null) {
                    v.add("CHATSDK-047: %s has '%s', which no browser sends as its Origin (%s); write '%s'",
                            v.where(ALLOWED_ORIGINS), printable, problem, suggestion);
                } else {
                    v.add("CHATSDK-038: %s has '%s' (%s); list exact origins such as https://app.example.com (scheme, "
                            + "host and port, no path, no wildcard)", v.where(ALLOWED_ORIGINS), printable, problem);
                }
            }
        }

        /** @return exact origins allowed to call from a browser */
        public Set<String> allowedOrigins() {
            return allowedOrigins;
        }

        @Override
        public String toString() {
            return "cors[allowedOrigins=" + allowedOrigins + "]";
        }
    }

    /** The reverse proxies whose forwarding header is believed. Immutable. */
    public static final class Proxies {
        /** IP addresses or CIDR ranges of the reverse proxies whose forwarding header is believed. */
        public static final Setting<List<String>> TRUSTED = Setting.list("chatsdk.web.trusted-proxies");
        /** Which forwarding header a trusted proxy's request is read from; default {@code x-forwarded-for}. */
        public static final Setting<ForwardedHeader> FORWARDED_HEADER = Setting.choice("chatsdk.web.forwarded-header",
                ForwardedHeader.X_FORWARDED_FOR, ForwardedHeader::parse,
                "CHATSDK-041: %s is '%s'; use x-forwarded-for, forwarded or none",
                "CHATSDK-041: %s is not set; use x-forwarded-for, forwarded or none");

        private final Set<String> trusted;
        private final ForwardedHeader forwardedHeader;

        private Proxies(ConfigValues v) {
            this.trusted = Set.copyOf(new LinkedHashSet<>(v.get(TRUSTED)));
            this.forwardedHeader = v.get(FORWARDED_HEADER);
        }

        private void check(ConfigValues v) {
            v.check(TRUSTED);
            for (String proxy : new LinkedHashSet<>(v.get(TRUSTED))) {
                if (proxy.isEmpty()) {
                    continue;
                }
                if (IpRanges.problem(proxy) != null) {
                    v.add("CHATSDK-042: %s has '%s', which is neither an IP address nor a CIDR range and so can never "
                            + "match a proxy; list the proxies' addresses (10.0.0.5, 2001:db8::5) or ranges "
                            + "(10.0.0.0/8, fd00::/8), host names are not resolved", v.where(TRUSTED), proxy);
                } else if (IpRanges.tooWide(proxy)) {
                    v.add("CHATSDK-045: %s has '%s', a range wider than /%d, which holds addresses that are no proxy of "
                            + "yours: any of them could forge the client address; list your proxies' own addresses or "
                            + "network (such as 10.0.0.0/8 or fd00::/8)", v.where(TRUSTED), proxy,
                            IpRanges.narrowestPrefix(proxy));
                } else if (IpRanges.withoutHostBits(proxy) != null) {
                    v.add("CHATSDK-046: %s has '%s', an address with a prefix; write the network '%s', or the address "
                            + "alone", v.where(TRUSTED), proxy, IpRanges.withoutHostBits(proxy));
                }
            }
            v.check(FORWARDED_HEADER);
        }

        /** @return addresses and CIDR ranges of reverse proxies whose forwarding headers are believed */
        public Set<String> trusted() {
            return trusted;
        }

        /** @return the forwarding header read from a trusted proxy's request */
        public ForwardedHeader forwardedHeader() {
            return forwardedHeader;
        }

        @Override
        public String toString() {
            return "proxies[trusted=" + trusted + ", forwardedHeader=" + forwardedHeader + "]";
        }
    }
}
