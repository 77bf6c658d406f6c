package dev.chatsdk.jakarta;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;

/** Reads {@code chatsdk.*} keys from MicroProfile Config into a {@link ChatSdkConfig.Builder}. */
final class MicroProfileConfigReader {
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta");
    private static final String NOT_A_NUMBER = "CHATSDK-030: %s is '%s', not a whole number; give a number such as 16384";
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");

    private final Config config;
    private final ChatSdkConfig.Builder builder = ChatSdkConfig.builder();
    /** The key whose value is being read, for the problems {@link #nonEmpty} reports. */
    private String reading;

    private MicroProfileConfigReader(Config config) {
        this.config = config;
    }

    static ChatSdkConfig.Builder read(Config config) {
        return new MicroProfileConfigReader(config).readAll();
    }

    private ChatSdkConfig.Builder readAll() {
        string(ChatSdkConfig.Keys.ISSUER, v -> builder.issuer(v.trim().toLowerCase(Locale.ROOT)));
        string(ChatSdkConfig.Keys.API_URL, v -> builder.apiUrl(v.trim()));
        string(ChatSdkConfig.Keys.REMOTE_TOKEN_PATH, builder::remoteTokenPath);
        string(ChatSdkConfig.Keys.REMOTE_REFRESH_PATH, builder::remoteRefreshPath);
        string(ChatSdkConfig.Keys.REMOTE_LOGOUT_PATH, builder::remoteLogoutPath);
        duration(ChatSdkConfig.Keys.REMOTE_CONNECT_TIMEOUT, builder::remoteConnectTimeout);
        duration(ChatSdkConfig.Keys.REMOTE_REQUEST_TIMEOUT, builder::remoteRequestTimeout);
        parsed(ChatSdkConfig.Keys.REMOTE_MAX_ATTEMPTS, Integer::parseInt, builder::remoteMaxAttempts, NOT_A_NUMBER);
        parsed(ChatSdkConfig.Keys.REMOTE_MAX_CONCURRENT_CALLS, Integer::parseInt, builder::remoteMaxConcurrentCalls,
                NOT_A_NUMBER);
        parsed(ChatSdkConfig.Keys.REMOTE_BREAKER_THRESHOLD, Integer::parseInt, builder::remoteBreakerThreshold,
                NOT_A_NUMBER);
        duration(ChatSdkConfig.Keys.REMOTE_BREAKER_OPEN_FOR, builder::remoteBreakerOpenFor);
        string(ChatSdkConfig.Keys.APP_ID, builder::appId);
        string(ChatSdkConfig.Keys.API_KEY, v -> builder.apiKeys(list(v)));
        duration(ChatSdkConfig.Keys.ACCESS_TTL, builder::accessTtl);
        duration(ChatSdkConfig.Keys.REFRESH_TTL, builder::refreshTtl);
        string(ChatSdkConfig.Keys.TOKEN_ISSUER, builder::tokenIssuer);
        string(ChatSdkConfig.Keys.AUDIENCE, builder::audience);
        string(ChatSdkConfig.Keys.SCOPES, v -> builder.scopes(nonEmpty(list(v))));
        duration(ChatSdkConfig.Keys.CLOCK_SKEW, builder::clockSkew);
        string(ChatSdkConfig.Keys.LOCAL_ALGORITHM, v -> builder.algorithm(v.trim().toUpperCase(Locale.ROOT)));
        string(ChatSdkConfig.Keys.LOCAL_PRIVATE_KEY, builder::privateKey);
        string(ChatSdkConfig.Keys.LOCAL_PUBLIC_KEY, builder::publicKey);
        string(ChatSdkConfig.Keys.LOCAL_PREVIOUS_KEYS, v -> builder.previousKeys(nonEmpty(list(v))));
        string(ChatSdkConfig.Keys.LOCAL_SECRET, builder::localSecret);
        string(ChatSdkConfig.Keys.LOCAL_WS_SECRET, builder::localWsSecret);
        string(ChatSdkConfig.Keys.LOCAL_KEY_ID, builder::keyId);
        string(ChatSdkConfig.Keys.SESSION_STORE, v -> builder.sessionStore(v.trim().toLowerCase(Locale.ROOT)));
        string(ChatSdkConfig.Keys.JDBC_DATASOURCE, builder::jdbcDataSource);
        string(ChatSdkConfig.Keys.JDBC_URL, builder::jdbcUrl);
        string(ChatSdkConfig.Keys.JDBC_USER, builder::jdbcUser);
        string(ChatSdkConfig.Keys.JDBC_PASSWORD, builder::jdbcPassword);
        parsed(ChatSdkConfig.Keys.JDBC_MAX_CONNECTIONS, Integer::parseInt, builder::jdbcMaxConnections, NOT_A_NUMBER);
        duration(ChatSdkConfig.Keys.JDBC_TIMEOUT, builder::jdbcTimeout);
        duration(ChatSdkConfig.Keys.ROTATION_GRACE, builder::rotationGrace);
        duration(ChatSdkConfig.Keys.MAX_LIFETIME, builder::maxLifetime);
        parsed(ChatSdkConfig.Keys.MEMORY_MAX_SESSIONS, Integer::parseInt, builder::memoryMaxSessions, NOT_A_NUMBER);
        parsed(ChatSdkConfig.Keys.MAX_PER_USER, Integer::parseInt, builder::maxPerUser, NOT_A_NUMBER);
        string(ChatSdkConfig.Keys.IDENTITY_USER_ATTRIBUTE, v -> builder.userAttribute(v.trim()));
        parsed(ChatSdkConfig.Keys.IDENTITY_REQUIRE_PRINCIPAL_MATCH, MicroProfileConfigReader::parseBoolean,
                builder::requirePrincipalMatch, "CHATSDK-072: %s is '%s'; use true or false");
        string(ChatSdkConfig.Keys.IDENTITY_JWT_CLAIMS, v -> builder.jwtClaims(nonEmpty(list(v))));
        string(ChatSdkConfig.Keys.IDENTITY_ROLE_CLAIMS, v -> builder.roleClaims(nonEmpty(list(v))));
        string(ChatSdkConfig.Keys.ROLES_ALLOWED, v -> builder.rolesAllowed(new LinkedHashSet<>(nonEmpty(list(v)))));
        string(ChatSdkConfig.Keys.TOKEN_PATH, builder::tokenPath);
        string(ChatSdkConfig.Keys.API_BASE, builder::apiBase);
        parsed(ChatSdkConfig.Keys.MAX_BODY_SIZE, Integer::parseInt, builder::maxBodySize, NOT_A_NUMBER);
        duration(ChatSdkConfig.Keys.BODY_TIMEOUT, builder::bodyTimeout);
        parsed(ChatSdkConfig.Keys.SERVLET_FILTER,
                v -> ChatSdkConfig.ServletFilterMode.valueOf(v.trim().toUpperCase(Locale.ROOT)), builder::servletFilter,
                "CHATSDK-034: %s is '%s'; use auto, always or never");
        String rate = "CHATSDK-036: %s is '%s', not a rate; write calls per period, such as 30/1m, or off";
        parsed(ChatSdkConfig.Keys.RATE_LIMIT_USER, ChatSdkConfig.Rate::parse, builder::rateLimitUser, rate);
        parsed(ChatSdkConfig.Keys.RATE_LIMIT_IP, ChatSdkConfig.Rate::parse, builder::rateLimitIp, rate);
        parsed(ChatSdkConfig.Keys.RATE_LIMIT_API_KEY, ChatSdkConfig.Rate::parse, builder::rateLimitApiKey, rate);
        parsed(ChatSdkConfig.Keys.RATE_LIMIT_FAILED_API_KEY, ChatSdkConfig.Rate::parse, builder::rateLimitFailedApiKey,
                rate);
        string(ChatSdkConfig.Keys.TRUSTED_PROXIES, v -> builder.trustedProxies(new LinkedHashSet<>(nonEmpty(list(v)))));
        parsed(ChatSdkConfig.Keys.FORWARDED_HEADER, ChatSdkConfig.ForwardedHeader::parse, builder::forwardedHeader,
                "CHATSDK-041: %s is '%s'; use x-forwarded-for, forwarded or none");
        parsed(ChatSdkConfig.Keys.REFRESH_COOKIE, MicroProfileConfigReader::parseBoolean, builder::refreshCookie,
                "CHATSDK-037: %s is '%s'; use true or false");
        string(ChatSdkConfig.Keys.AUTH_CHALLENGE, builder::authChallenge);
        string(ChatSdkConfig.Keys.CORS_ALLOWED_ORIGINS, v -> builder.corsAllowedOrigins(new LinkedHashSet<>(nonEmpty(list(v)))));
        parsed(ChatSdkConfig.Keys.HEALTH_ENABLED, MicroProfileConfigReader::parseBoolean, builder::healthEnabled,
                "CHATSDK-025: %s is '%s'; use true or false");
        parsed(ChatSdkConfig.Keys.HEALTH_DETAILS, MicroProfileConfigReader::parseBoolean, builder::healthDetails,
                "CHATSDK-025: %s is '%s'; use true or false");
        string(ChatSdkConfig.Keys.CENTRIFUGO_API_URL, v -> builder.centrifugoApiUrl(v.trim()));
        string(ChatSdkConfig.Keys.CENTRIFUGO_API_KEY, builder::centrifugoApiKey);
        warnAboutUnknownKeys();
        return builder;
    }

    private Optional<String> value(String key) {
        Optional<String> value = config.getOptionalValue(key, String.class);
        reading = key;
        if (value.isPresent()) {
            ConfigValue cv = config.getConfigValue(key);
            builder.source(key, cv == null ? null : cv.getSourceName());
        }
        return value;
    }

    private void string(String key, Consumer<String> setter) {
        value(key).ifPresent(setter);
    }

    private <T> void parsed(String key, Function<String, T> parser, Consumer<T> setter, String problem) {
        value(key).ifPresent(v -> {
            try {
                setter.accept(parser.apply(v.trim()));
            } catch (IllegalArgumentException e) {
                builder.problem(String.format(problem, builder.where(key), v));
            }
        });
    }

    private void duration(String key, Consumer<Duration> setter) {
        parsed(key, MicroProfileConfigReader::parseDuration, setter,
                "CHATSDK-020: %s is '%s', not a duration; use ISO-8601 (PT1H, P7D) or a number with "
                        + "ms, s, m, h or d (45s, 15m, 1h, 7d)");
    }

    /**
     * Parses ISO-8601 ({@code PT1H}, {@code P7D}), shorthand ({@code 45s}, {@code 15m}, {@code 1h}, {@code 7d}) or a
     * bare {@code 0}.
     *
     * @throws IllegalArgumentException if the text is neither
     */
    static Duration parseDuration(String text) {
        String t = text.trim();
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = SHORT_DURATION.matcher(t.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "ms":
                    return Duration.ofMillis(n);
                case "s":
                    return Duration.ofSeconds(n);
                case "m":
                    return Duration.ofMinutes(n);
                case "h":
                    return Duration.ofHours(n);
                default:
                    return Duration.ofDays(n);
            }
        }
        try {
            return Duration.parse(t.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a duration", e);
        }
    }

    private static boolean parseBoolean(String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException("not a boolean");
    }

    private static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            out.add(part.trim());
        }
        return out;
    }

    /** A list without empty entries; each empty one ({@code a,,b}, {@code a,b,}) is reported, as a typo would be. */
    private List<String> nonEmpty(List<String> items) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).isEmpty()) {
                builder.problem(String.format("CHATSDK-035: %s has an empty entry at position %d; remove the extra comma",
                        builder.where(reading), i + 1));
            }
        }
        items.removeIf(String::isEmpty);
        return items;
    }

    private void warnAboutUnknownKeys() {
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("chatsdk.") && !isKnown(name)) {
                LOG.log(System.Logger.Level.WARNING, String.format(
                        "CHATSDK-101: '%s' is not a ChatSDK Jakarta key and is ignored; did you mean '%s'?",
                        name, closest(name)));
            }
        }
    }

    /** Known also by its environment-variable spelling, which sources report as e.g. {@code chatsdk.api.url}. */
    private static boolean isKnown(String name) {
        String env = ChatSdkConfig.env(name);
        return ChatSdkConfig.Keys.ALL.stream().anyMatch(key -> key.equals(name) || ChatSdkConfig.env(key).equals(env));
    }

    static String closest(String name) {
        return ChatSdkConfig.Keys.ALL.stream()
                .min((a, b) -> Integer.compare(distance(name, a), distance(name, b)))
                .orElseThrow();
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        Arrays.setAll(prev, i -> i);
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
