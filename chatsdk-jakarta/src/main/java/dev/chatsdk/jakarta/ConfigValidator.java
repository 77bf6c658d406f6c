package dev.chatsdk.jakarta;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import dev.chatsdk.jakarta.ChatSdkConfig.Keys;
import dev.chatsdk.jakarta.web.IpRanges;
import dev.chatsdk.jakarta.web.Origins;

/**
 * The rules a {@link ChatSdkConfig} must satisfy, each reported as one {@code CHATSDK-0nn} line that
 * names the key (and its source, through {@code where}) and how to fix it, never a secret's value.
 */
final class ConfigValidator {
    /** Whitespace, then {@code #} or {@code !}: an inline comment, which a .properties value takes in as its own. */
    private static final Pattern INLINE_COMMENT = Pattern.compile("\\s[#!]");

    /**
     * RFC 9110 §11.3: an auth scheme, then either a token68 or auth parameters ({@code name=token} or
     * {@code name="quoted string"}, comma-separated), on one line of printable ASCII.
     */
    private static final Pattern AUTH_CHALLENGE;

    static {
        String token = "[A-Za-z0-9!#$%&'*+.^_`|~-]+";
        String quoted = "\"(?:[\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]|\\\\[\\x20-\\x7e])*\"";
        String param = token + " *= *(?:" + token + "|" + quoted + ")";
        AUTH_CHALLENGE = Pattern.compile(token + "(?: +(?:[A-Za-z0-9._~+/-]+=*|" + param + "(?: *, *"
                + param + ")*))?");
    }

    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~!$&'()+,;=:@/-]*");

    /** Leeway for token times: beyond a few minutes, expired tokens stay valid; NTP keeps clocks within seconds. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    /** A retry comes seconds after the lost response; a longer grace lets a thief's replay pass as one. */
    static final Duration MAX_ROTATION_GRACE = Duration.ofMinutes(5);
    /** An access token cannot be revoked for signature-only verifiers; a day is already long. */
    static final Duration MAX_ACCESS_TTL = Duration.ofDays(1);
    /** Refresh tokens and sessions: a year, far from what a JWT {@code exp} or a SQL timestamp can hold. */
    static final Duration MAX_SESSION = Duration.ofDays(365);
    /** Outbound calls: a caller waits for them, and the request timeout bounds one try (two with retries). */
    static final Duration MAX_REMOTE_TIMEOUT = Duration.ofMinutes(1);
    /** An open breaker refuses every call; an hour without a probe is an outage of its own. */
    static final Duration MAX_BREAKER_OPEN_FOR = Duration.ofHours(1);
    /** A rate's period: a day covers daily quotas. */
    static final Duration MAX_RATE_PERIOD = Duration.ofDays(1);

    private final ChatSdkConfig c;
    private final UnaryOperator<String> where;
    private final List<String> problems = new ArrayList<>();

    private ConfigValidator(ChatSdkConfig candidate, UnaryOperator<String> where) {
        this.c = candidate;
        this.where = where;
    }

    /** @return every problem of the candidate, in a stable order; empty when it is usable */
    static List<String> problems(ChatSdkConfig candidate, UnaryOperator<String> where) {
        return new ConfigValidator(candidate, where).check();
    }

    private List<String> check() {
        notBlank(Keys.ISSUER, c.issuer());
        if (ChatSdkConfig.LOCAL.equals(c.issuer())) {
            local();
        } else if (ChatSdkConfig.REMOTE.equals(c.issuer())) {
            remote();
        }
        for (int i = 0; i < c.apiKeys().size(); i++) {
            if (c.apiKeys().get(i).isBlank()) {
                add("CHATSDK-035: %s has an empty entry at position %d; remove the extra comma", where(Keys.API_KEY), i + 1);
            }
        }
        lifetimes();
        store();
        notBlank(Keys.TOKEN_ISSUER, c.tokenIssuer());
        notBlank(Keys.AUDIENCE, c.audience());
        notBlank(Keys.LOCAL_KEY_ID, c.keyId());
        path(Keys.TOKEN_PATH, c.tokenPath());
        path(Keys.API_BASE, c.apiBase());
        if (c.tokenPath() != null && c.apiBase() != null
                && (c.tokenPath().equals(c.apiBase()) || c.tokenPath().startsWith(c.apiBase() + "/"))) {
            add("CHATSDK-033: %s ('%s') must not lie under %s ('%s'); choose a path outside it",
                    where(Keys.TOKEN_PATH), c.tokenPath(), where(Keys.API_BASE), c.apiBase());
        }
        range(Keys.MAX_BODY_SIZE, c.maxBodySize(), 1, ChatSdkConfig.MAX_BODY_SIZE_LIMIT);
        positive(Keys.BODY_TIMEOUT, c.bodyTimeout());
        atMost(Keys.BODY_TIMEOUT, c.bodyTimeout(), ChatSdkConfig.MAX_BODY_TIMEOUT, "a client that needs longer to "
                + "send a few kilobytes holds a connection for nothing (the default is PT10S)");
        c.authChallenge().filter(challenge -> !AUTH_CHALLENGE.matcher(challenge).matches() || challenge.length() > 1024)
                .ifPresent(challenge -> add("CHATSDK-039: %s is not a WWW-Authenticate "
                        + "challenge; give an auth scheme and its parameters in printable ASCII on one line, such as "
                        + "Basic realm=\"app\"", where(Keys.AUTH_CHALLENGE)));
        for (String origin : c.corsAllowedOrigins()) {
            corsOrigin(origin);
        }
        if (c.servletFilter() == null) {
            add("CHATSDK-034: %s is not set; use auto, always or never", where(Keys.SERVLET_FILTER));
        }
        centrifugo();
        clients();
        rates();
        return problems;
    }

    /** Token and session lifetimes: positive and bounded; the refresh lifetime longer than the access one. */
    private void lifetimes() {
        positive(Keys.ACCESS_TTL, c.accessTtl());
        positive(Keys.REFRESH_TTL, c.refreshTtl());
        wholeSeconds(Keys.ACCESS_TTL, c.accessTtl());
        wholeSeconds(Keys.REFRESH_TTL, c.refreshTtl());
        atMost(Keys.ACCESS_TTL, c.accessTtl(), MAX_ACCESS_TTL, "signature-only verifiers accept an access token until "
                + "it expires, whatever was revoked");
        atMost(Keys.REFRESH_TTL, c.refreshTtl(), MAX_SESSION, "a refresh token lives no longer than its session, and "
                + "a session at most a year");
        if (c.accessTtl() != null && c.refreshTtl() != null && c.refreshTtl().compareTo(c.accessTtl()) <= 0) {
            add("CHATSDK-022: %s (%s) must be longer than %s (%s); raise it (the default is P7D)",
                    where(Keys.REFRESH_TTL), c.refreshTtl(), where(Keys.ACCESS_TTL), c.accessTtl());
        }
        notNegative(Keys.CLOCK_SKEW, c.clockSkew());
        atMost(Keys.CLOCK_SKEW, c.clockSkew(), MAX_CLOCK_SKEW, "a larger leeway keeps expired tokens valid (keep the "
                + "clocks in step with NTP instead)");
        notNegative(Keys.ROTATION_GRACE, c.rotationGrace());
        atMost(Keys.ROTATION_GRACE, c.rotationGrace(), MAX_ROTATION_GRACE, "a retry comes within seconds, and a thief's "
                + "replay within the grace passes for one");
        positive(Keys.MAX_LIFETIME, c.maxLifetime());
        atMost(Keys.MAX_LIFETIME, c.maxLifetime(), MAX_SESSION, "a user logs in again at least once a year, and a "
                + "stolen session ends with it");
    }

    /** The rates' periods; {@link ChatSdkConfig.Rate#parse} already holds permits and periods positive. */
    private void rates() {
        rate(Keys.RATE_LIMIT_USER, c.rateLimitUser());
        rate(Keys.RATE_LIMIT_IP, c.rateLimitIp());
        rate(Keys.RATE_LIMIT_API_KEY, c.rateLimitApiKey());
        rate(Keys.RATE_LIMIT_FAILED_API_KEY, c.rateLimitFailedApiKey());
    }

    private void rate(String key, ChatSdkConfig.Rate rate) {
        if (rate != null && rate.period().compareTo(MAX_RATE_PERIOD) > 0) {
            add("CHATSDK-048: %s has the period %s, longer than %s; give a rate per day at most, such as %d/1d",
                    where(key), rate.period(), MAX_RATE_PERIOD, rate.permits());
        }
    }

    /** One entry of the allowed origins: compared with the browser's {@code Origin} as text, so it must be one. */
    private void corsOrigin(String origin) {
        String problem = Origins.problem(origin);
        if (problem == null) {
            return;
        }
        String printable = dev.chatsdk.jakarta.remote.RedactedUrl.of(origin);
        String suggestion = Origins.suggestion(origin);
        if (suggestion != null) {
            add("CHATSDK-047: %s has '%s', which no browser sends as its Origin (%s); write '%s'",
                    where(Keys.CORS_ALLOWED_ORIGINS), printable, problem, suggestion);
        } else {
            add("CHATSDK-038: %s has '%s' (%s); list exact origins such as https://app.example.com (scheme, host and "
                    + "port, no path, no wildcard)", where(Keys.CORS_ALLOWED_ORIGINS), printable, problem);
        }
    }

    /** Who the client is behind a proxy, and the failed API key budget that every client address has. */
    private void clients() {
        for (String proxy : c.trustedProxies()) {
            if (IpRanges.problem(proxy) != null) {
                add("CHATSDK-042: %s has '%s', which is neither an IP address nor a CIDR range and so can never match "
                        + "a proxy; list the proxies' addresses (10.0.0.5, 2001:db8::5) or ranges (10.0.0.0/8, fd00::/8), "
                        + "host names are not resolved", where(Keys.TRUSTED_PROXIES), proxy);
            } else if (IpRanges.tooWide(proxy)) {
                add("CHATSDK-045: %s has '%s', a range wider than /%d, which holds addresses that are no proxy of yours: "
                        + "any of them could forge the client address; list your proxies' own addresses or network "
                        + "(such as 10.0.0.0/8 or fd00::/8)", where(Keys.TRUSTED_PROXIES), proxy,
                        IpRanges.narrowestPrefix(proxy));
            } else if (IpRanges.withoutHostBits(proxy) != null) {
                add("CHATSDK-046: %s has '%s', an address with a prefix; write the network '%s', or the address alone",
                        where(Keys.TRUSTED_PROXIES), proxy, IpRanges.withoutHostBits(proxy));
            }
        }
        if (c.forwardedHeader() == null) {
            add("CHATSDK-041: %s is not set; use x-forwarded-for, forwarded or none", where(Keys.FORWARDED_HEADER));
        }
        if (c.rateLimitFailedApiKey() == null) {
            add("CHATSDK-044: %s cannot be off: wrong API keys are always throttled per client address; give a rate "
                    + "such as 10/1m", where(Keys.RATE_LIMIT_FAILED_API_KEY));
        }
    }

    /** Keys the token API accepts (local issuer): long enough that guessing one is hopeless. */
    private void acceptedApiKeys() {
        for (int i = 0; i < c.apiKeys().size(); i++) {
            String key = c.apiKeys().get(i);
            if (!key.isBlank() && key.length() < ChatSdkConfig.MIN_API_KEY_LENGTH) {
                add("CHATSDK-043: %s has a key at position %d that is %d characters long; the token API accepts only "
                        + "keys of at least %d characters, e.g. the output of 'openssl rand -base64 32'",
                        where(Keys.API_KEY), i + 1, key.length(), ChatSdkConfig.MIN_API_KEY_LENGTH);
            }
        }
    }

    private void remote() {
        if (c.apiUrl() == null || c.apiUrl().isBlank()) {
            add("CHATSDK-080: %s is required when '%s=remote'; set it (env %s) to your ChatSDK API's base URL, "
                    + "such as https://chat.example.com", where(Keys.API_URL), Keys.ISSUER, ChatSdkConfig.env(Keys.API_URL));
        } else if (!isWebUrl(c.apiUrl())) {
            add("CHATSDK-081: %s is '%s', not an absolute http or https URL; use the ChatSDK API's base URL, such as "
                    + "https://chat.example.com", where(Keys.API_URL), dev.chatsdk.jakarta.remote.RedactedUrl.of(c.apiUrl()));
        } else {
            baseUrl(Keys.API_URL, c.apiUrl());
        }
        if (c.apiKeys().isEmpty()) {
            add("CHATSDK-082: %s is required when '%s=remote'; set it (env %s) to the API key from your ChatSDK "
                    + "dashboard", where(Keys.API_KEY), Keys.ISSUER, ChatSdkConfig.env(Keys.API_KEY));
        } else if (c.apiKeys().size() > 1) {
            add("CHATSDK-083: %s lists %d keys; the remote issuer sends one, so set exactly one", where(Keys.API_KEY),
                    c.apiKeys().size());
        }
        path(Keys.REMOTE_TOKEN_PATH, c.remoteTokenPath());
        path(Keys.REMOTE_REFRESH_PATH, c.remoteRefreshPath());
        if (c.remoteLogoutPath() != null) {
            path(Keys.REMOTE_LOGOUT_PATH, c.remoteLogoutPath());
        }
        resilience();
    }

    /** The timeouts, retries, bulkhead and breaker of outbound calls: to the ChatSDK API, and to Centrifugo. */
    private void resilience() {
        positive(Keys.REMOTE_CONNECT_TIMEOUT, c.remoteConnectTimeout());
        positive(Keys.REMOTE_REQUEST_TIMEOUT, c.remoteRequestTimeout());
        positive(Keys.REMOTE_BREAKER_OPEN_FOR, c.remoteBreakerOpenFor());
        atMost(Keys.REMOTE_CONNECT_TIMEOUT, c.remoteConnectTimeout(), MAX_REMOTE_TIMEOUT, "a caller and a request "
                + "thread wait that long for each try");
        atMost(Keys.REMOTE_REQUEST_TIMEOUT, c.remoteRequestTimeout(), MAX_REMOTE_TIMEOUT, "a caller and a request "
                + "thread wait up to twice that (with retries) for one answer");
        atMost(Keys.REMOTE_BREAKER_OPEN_FOR, c.remoteBreakerOpenFor(), MAX_BREAKER_OPEN_FOR, "an open breaker refuses "
                + "every call until it lets a probe through");
        range(Keys.REMOTE_MAX_ATTEMPTS, c.remoteMaxAttempts(), 1, 10);
        range(Keys.REMOTE_MAX_CONCURRENT_CALLS, c.remoteMaxConcurrentCalls(), 1, 10_000);
        range(Keys.REMOTE_BREAKER_THRESHOLD, c.remoteBreakerThreshold(), 1, 1000);
    }

    /** Centrifugo's server API: both keys or neither, an http(s) URL, and only where this module keeps sessions. */
    private void centrifugo() {
        boolean url = c.centrifugoApiUrl() != null && !c.centrifugoApiUrl().isBlank();
        boolean key = c.centrifugoApiKey() != null && !c.centrifugoApiKey().isBlank();
        if (url && !key) {
            add("CHATSDK-085: %s is required when %s is set; set it (env %s) to Centrifugo's server API key, or "
                    + "remove %s", where(Keys.CENTRIFUGO_API_KEY), where(Keys.CENTRIFUGO_API_URL),
                    ChatSdkConfig.env(Keys.CENTRIFUGO_API_KEY), Keys.CENTRIFUGO_API_URL);
        } else if (key && !url) {
            add("CHATSDK-086: %s is required when %s is set; set it (env %s) to Centrifugo's server API base URL, "
                    + "such as http://centrifugo:8000/api, or remove %s", where(Keys.CENTRIFUGO_API_URL),
                    where(Keys.CENTRIFUGO_API_KEY), ChatSdkConfig.env(Keys.CENTRIFUGO_API_URL), Keys.CENTRIFUGO_API_KEY);
        }
        if (url && !isWebUrl(c.centrifugoApiUrl())) {
            add("CHATSDK-087: %s is '%s', not an absolute http or https URL; use the base URL of Centrifugo's server "
                    + "API, such as http://centrifugo:8000/api", where(Keys.CENTRIFUGO_API_URL),
                    dev.chatsdk.jakarta.remote.RedactedUrl.of(c.centrifugoApiUrl()));
        } else if (url) {
            baseUrl(Keys.CENTRIFUGO_API_URL, c.centrifugoApiUrl());
        }
        if ((url || key) && ChatSdkConfig.REMOTE.equals(c.issuer())) {
            add("CHATSDK-088: %s is set with '%s=remote'; the ChatSDK API keeps the sessions and disconnects its own "
                    + "sockets, so remove the chatsdk.centrifugo.* keys", where(url ? Keys.CENTRIFUGO_API_URL
                            : Keys.CENTRIFUGO_API_KEY), Keys.ISSUER);
        } else if (url && key) {
            resilience();
        }
    }

    /** Paths are appended to a base URL, so a query or fragment in it would swallow them on every call. */
    private void baseUrl(String key, String url) {
        if (url.indexOf('?') >= 0 || url.indexOf('#') >= 0) {
            add("CHATSDK-084: %s is '%s', a base URL with a query or fragment, to which no path can be appended; give "
                    + "scheme, host, port and path only", where(key), dev.chatsdk.jakarta.remote.RedactedUrl.of(url));
        }
    }

    private static boolean isWebUrl(String url) {
        try {
            java.net.URI uri = new java.net.URI(url);
            return uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private void store() {
        if (ChatSdkConfig.MEMORY.equals(c.sessionStore())) {
            range(Keys.MEMORY_MAX_SESSIONS, c.memoryMaxSessions(), 1, 100_000_000);
            range(Keys.MAX_PER_USER, c.maxPerUser(), 1, 100_000_000);
        } else if (ChatSdkConfig.JDBC.equals(c.sessionStore())) {
            boolean named = c.jdbcDataSource() != null && !c.jdbcDataSource().isBlank();
            boolean url = c.jdbcUrl() != null && !c.jdbcUrl().isBlank();
            if (named == url) {
                add("CHATSDK-051: '%s=jdbc' needs exactly one of %s and %s; set the JNDI name of your application's "
                        + "DataSource (e.g. java:comp/DefaultDataSource), or a JDBC URL", Keys.SESSION_STORE,
                        where(Keys.JDBC_DATASOURCE), where(Keys.JDBC_URL));
            }
            if (url && !c.jdbcUrl().startsWith("jdbc:")) {
                add("CHATSDK-052: %s does not start with 'jdbc:'; use a JDBC URL such as "
                        + "jdbc:postgresql://db:5432/app", where(Keys.JDBC_URL));
            }
            range(Keys.JDBC_MAX_CONNECTIONS, c.jdbcMaxConnections(), 1, 1000);
            positive(Keys.JDBC_TIMEOUT, c.jdbcTimeout());
            atMost(Keys.JDBC_TIMEOUT, c.jdbcTimeout(), ChatSdkConfig.MAX_JDBC_TIMEOUT,
                    "a request thread waits that long for a silent database");
        } else {
            add("CHATSDK-050: %s is '%s'; use memory or jdbc", where(Keys.SESSION_STORE), c.sessionStore());
        }
    }

    private void range(String key, int value, int min, int max) {
        if (value < min || value > max) {
            add("CHATSDK-031: %s is %d; use a number from %d to %d", where(key), value, min, max);
        }
    }

    private void local() {
        String appId = c.appId();
        if (appId == null || appId.isBlank()) {
            add("CHATSDK-010: %s is required when '%s=local'; set it (env %s) to your ChatSDK app id",
                    where(Keys.APP_ID), Keys.ISSUER, ChatSdkConfig.env(Keys.APP_ID));
        } else if (appId.indexOf(':') >= 0 || appId.length() > 255 || !appId.strip().equals(appId)) {
            add("CHATSDK-016: %s must be 1 to 255 characters without ':' or surrounding spaces; "
                    + "set it to your ChatSDK app id", where(Keys.APP_ID));
        }
        boolean hmac = "HS256".equals(c.algorithm());
        if (!hmac && !"RS256".equals(c.algorithm()) && !"ES256".equals(c.algorithm())) {
            add("CHATSDK-090: %s is '%s'; use HS256, RS256 or ES256", where(Keys.LOCAL_ALGORITHM), c.algorithm());
        }
        if (hmac) {
            secret(Keys.LOCAL_SECRET, c.localSecret());
        } else if (c.privateKey() == null || c.privateKey().isBlank()) {
            add("CHATSDK-091: %s is required when '%s=%s'; set it (env %s) to a PKCS#8 PEM private key, or "
                    + "file:/path/to/key.pem", where(Keys.LOCAL_PRIVATE_KEY), Keys.LOCAL_ALGORITHM, c.algorithm(),
                    ChatSdkConfig.env(Keys.LOCAL_PRIVATE_KEY));
        }
        for (String entry : c.previousKeys()) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                add("CHATSDK-092: %s has an entry that is not 'kid=key'; write each retired key as its key id, '=', "
                        + "and the secret (HS256) or public key (PEM or file:)", where(Keys.LOCAL_PREVIOUS_KEYS));
            } else if (hmac) {
                retiredSecret(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
            }
        }
        acceptedApiKeys();
        secret(Keys.LOCAL_WS_SECRET, c.localWsSecret());
        if (hmac && overlap(c.localSecret(), c.localWsSecret())) {
            add("CHATSDK-014: %s must differ from %s, and neither may contain the other, so that a leaked realtime "
                    + "secret cannot sign access tokens; set a second random secret", where(Keys.LOCAL_WS_SECRET),
                    where(Keys.LOCAL_SECRET));
        }
        apiKeysApartFromSecrets(hmac);
    }

    /**
     * An API key is sent by every server caller and sits in their configuration: it must not be (or contain, or be
     * contained in) a signing secret, or a leaked key would sign tokens.
     */
    private void apiKeysApartFromSecrets(boolean hmac) {
        List<Map.Entry<String, String>> secrets = new ArrayList<>();
        secrets.add(Map.entry(Keys.LOCAL_WS_SECRET, String.valueOf(c.localWsSecret())));
        if (hmac) {
            secrets.add(Map.entry(Keys.LOCAL_SECRET, String.valueOf(c.localSecret())));
            for (String entry : c.previousKeys()) {
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    secrets.add(Map.entry(Keys.LOCAL_PREVIOUS_KEYS, entry.substring(eq + 1).trim()));
                }
            }
        }
        for (int i = 0; i < c.apiKeys().size(); i++) {
            for (Map.Entry<String, String> secret : secrets) {
                if (overlap(c.apiKeys().get(i), secret.getValue())) {
                    add("CHATSDK-012: %s has a key at position %d that equals, contains or is part of a secret in "
                            + "%s, so anyone holding the key could sign tokens; give the token API its own random key",
                            where(Keys.API_KEY), i + 1, where(secret.getKey()));
                }
            }
        }
        for (Map.Entry<String, String> secret : secrets) {
            if (overlap(c.centrifugoApiKey(), secret.getValue())) {
                add("CHATSDK-012: %s equals, contains or is part of a secret in %s, and is sent to Centrifugo on every "
                        + "disconnect; give Centrifugo's API its own key", where(Keys.CENTRIFUGO_API_KEY),
                        where(secret.getKey()));
            }
        }
    }

    /**
     * @return whether one contains the other (equal included), the shorter being at least 16 characters: a value that
     *         short is refused by its own rule anyway, and would be found inside random secrets by chance
     */
    private static boolean overlap(String a, String b) {
        return a != null && b != null && Math.min(a.length(), b.length()) >= 16 && (a.contains(b) || b.contains(a));
    }

    /** A retired HS256 secret still verifies tokens, so it obeys the active secret's rules. */
    private void retiredSecret(String kid, String value) {
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < ChatSdkConfig.MIN_SECRET_BYTES) {
            add("CHATSDK-017: %s has the retired key '%s' of %d bytes; HS256 needs at least %d bytes, so remove it "
                    + "(tokens it signed cannot be trusted)", where(Keys.LOCAL_PREVIOUS_KEYS), kid, bytes,
                    ChatSdkConfig.MIN_SECRET_BYTES);
        }
        if (overlap(value, c.localWsSecret())) {
            add("CHATSDK-018: %s has the retired key '%s' equal to, containing or part of %s, so a leaked realtime "
                    + "secret could sign access tokens; remove it, or change %s", where(Keys.LOCAL_PREVIOUS_KEYS), kid,
                    where(Keys.LOCAL_WS_SECRET), Keys.LOCAL_WS_SECRET);
        }
        if (looksPasted(value)) {
            add("CHATSDK-019: %s has the retired key '%s' starting or ending with whitespace, or with what looks like "
                    + "an inline comment (whitespace, then '#' or '!'); write the secret alone",
                    where(Keys.LOCAL_PREVIOUS_KEYS), kid);
        }
    }

    /**
     * @return whether a secret starts or ends with whitespace (a no-break space too) or holds what looks like an
     *         inline comment: a paste error, or a comment the .properties format took into the value
     */
    private static boolean looksPasted(String value) {
        return !value.isEmpty() && (isSpace(value.charAt(0)) || isSpace(value.charAt(value.length() - 1))
                || INLINE_COMMENT.matcher(value).find());
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private void secret(String key, String value) {
        if (value == null || value.isEmpty()) {
            add("CHATSDK-011: %s is required when '%s=local'; set it (env %s) to a random string of at least %d "
                    + "bytes, e.g. the output of 'openssl rand -base64 48'", where(key), Keys.ISSUER,
                    ChatSdkConfig.env(key), ChatSdkConfig.MIN_SECRET_BYTES);
            return;
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < ChatSdkConfig.MIN_SECRET_BYTES) {
            add("CHATSDK-013: %s is %d bytes long; HS256 needs at least %d bytes, e.g. the output of "
                    + "'openssl rand -base64 48'", where(key), bytes, ChatSdkConfig.MIN_SECRET_BYTES);
        }
        if (looksPasted(value)) {
            add("CHATSDK-019: %s starts or ends with whitespace, or has what looks like an inline comment "
                    + "(whitespace, then '#' or '!': .properties files have none, the comment becomes part of the "
                    + "value); write the secret alone", where(key));
        }
    }


    private void positive(String key, Duration value) {
        if (!isPositive(value)) {
            add("CHATSDK-021: %s is %s; use a positive duration such as PT1H or 1h", where(key), value);
        }
    }

    private static boolean isPositive(Duration value) {
        return value != null && !value.isNegative() && !value.isZero();
    }

    private void atMost(String key, Duration value, Duration max, String why) {
        if (value != null && value.compareTo(max) > 0) {
            add("CHATSDK-023: %s is %s, above its bound of %s because %s; use %s or less", where(key), value, max, why,
                    max);
        }
    }

    /** JWT times are whole seconds: a fraction would be cut off, and below a second nothing is left. */
    private void wholeSeconds(String key, Duration value) {
        if (isPositive(value) && value.getNano() != 0) {
            add("CHATSDK-024: %s is %s; token times are whole seconds, so use whole seconds such as 90s or PT15M",
                    where(key), value);
        }
    }

    private void notNegative(String key, Duration value) {
        if (value == null || value.isNegative()) {
            add("CHATSDK-021: %s is %s; use zero or a positive duration such as PT30S or 30s", where(key), value);
        }
    }

    private void notBlank(String key, String value) {
        if (value == null || value.isBlank()) {
            add("CHATSDK-040: %s is empty; remove it to use the default, or give it a value", where(key));
        }
    }

    private void path(String key, String value) {
        if (value == null || !PATH.matcher(value).matches() || value.contains("//") || value.equals("/")) {
            add("CHATSDK-032: %s is '%s'; use a path below the context root that starts with '/' and has no "
                    + "wildcard, query or spaces, such as '/api/chat/token'", where(key), value);
        } else if (value.indexOf(';') >= 0 || (value + "/").contains("/./") || (value + "/").contains("/../")) {
            add("CHATSDK-049: %s is '%s'; servers cut ';' parameters and resolve '.' and '..' segments before any "
                    + "request is matched, so no request could ever reach it; write the path as it resolves, without "
                    + "';'", where(key), value);
        }
    }

    private String where(String key) {
        return where.apply(key);
    }

    private void add(String format, Object... args) {
        problems.add(String.format(format, args));
    }
}
