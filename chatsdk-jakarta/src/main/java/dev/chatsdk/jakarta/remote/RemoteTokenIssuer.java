package dev.chatsdk.jakarta.remote;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ChatTokens;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.config.RemoteConfig;
import dev.chatsdk.jakarta.health.ChatSdkHealth;
import dev.chatsdk.jakarta.spi.Health;
import dev.chatsdk.jakarta.spi.IssuerContext;
import dev.chatsdk.jakarta.spi.TokenIssuer;
import dev.chatsdk.jakarta.token.TokenResponseReader;
import dev.chatsdk.jakarta.token.TokenShape;
import dev.chatsdk.jakarta.token.UnverifiedClaims;

/**
 * The {@code remote} issuer: vouches for the application's user to a ChatSDK API with the secret API key
 * and relays the API's own tokens, refreshes and logouts, so that browsers only ever talk to the
 * application. A presented refresh token is forwarded only when it is {@link TokenShape well-formed}: anything
 * else is answered as an invalid token without calling the API. The API's answer is trusted only for the user the
 * module asked about: tokens naming another user are refused ({@code UPSTREAM_BAD_RESPONSE}). Its rate limiting
 * (429) is handed on as {@code RATE_LIMITED} with its wait; a logout counts as done only when the API says
 * {@code "revoked": true}. Thread-safe.
 */
public final class RemoteTokenIssuer implements TokenIssuer {
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta.remote");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> REFRESH_CODES = Set.of("MISSING_REFRESH_TOKEN", "INVALID_REFRESH_TOKEN",
            "REFRESH_TOKEN_EXPIRED", "REFRESH_TOKEN_REUSED", "SESSION_REVOKED");
    /** The longest wait a 429 of the API is handed on with, whatever its {@code Retry-After} says. */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(300);
    /** The wait a 429 of the API is handed on with when it says none. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);
    /** The reason sent with a user revocation the application asked for ({@code ChatSdk.revokeUser}). */
    static final String SERVER_REVOKE_REASON = "server_revoke: the application revoked the user (ChatSdk.revokeUser)";
    /** The longest reason the ChatSDK API accepts. */
    static final int MAX_REASON = 255;

    private final ChatSdkConfig config;
    private final Clock clock;
    private final UpstreamClient upstream;
    /** The HTTP client and its threads, released by {@link #close()}. */
    private final HttpClients.Owned http;

    /** @param telemetry where calls to the API are counted and timed, or {@code null} for nowhere */
    RemoteTokenIssuer(ChatSdkConfig config, Clock clock, IssuerContext.UpstreamCallListener telemetry) {
        this.config = config;
        this.clock = clock;
        this.http = HttpClients.create("remote", config.remote().connectTimeout());
        this.upstream = new UpstreamClient(config, clock, http.http, telemetry);
        if (config.remote().logoutPath().isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "CHATSDK-106: remote issuer without 'chatsdk.remote.logout-path': "
                    + "logout cannot end a session at the ChatSDK API; refresh tokens stay valid until they expire");
        }
    }

    /** Closes the HTTP client (Java 21+) and stops its threads; later calls fail as the API being unreachable. */
    @Override
    public void close() {
        http.close();
    }

    @Override
    public ChatTokens issue(ChatUser user) {
        UpstreamClient.Reply reply = upstream.post(config.remote().tokenPath(), null, body(user));
        if (reply.status == 200 || reply.status == 201) {
            return forUser(tokens(reply), user.id(), config.appId(), "login");
        }
        throw refused(reply, "issue");
    }

    @Override
    public ChatTokens refresh(String refreshToken) {
        TokenShape.check(refreshToken, ErrorCode.INVALID_REFRESH_TOKEN);
        UpstreamClient.Reply reply = upstream.post(config.remote().refreshPath(), refreshToken, null);
        if (reply.status == 200 || reply.status == 201) {
            // the user the presented token names; a token naming no one still gets an answer about one user only
            String asked = userOf(UnverifiedClaims.payload(refreshToken));
            ChatTokens tokens = tokens(reply);
            return forUser(tokens, asked != null ? asked : tokens.user().id(), config.appId(), "refresh");
        }
        if (reply.status == 401 || reply.status == 403) {
            String code = reply.errorCode();
            ErrorCode ours = code != null && REFRESH_CODES.contains(code) ? ErrorCode.valueOf(code)
                    : ErrorCode.INVALID_REFRESH_TOKEN;
            throw new ChatSdkException(ours, "The ChatSDK API refused the refresh token.");
        }
        throw refused(reply, "refresh");
    }

    @Override
    public boolean revoke(String refreshToken) {
        if (config.remote().logoutPath().isEmpty() || !TokenShape.wellFormed(refreshToken)) {
            return false;
        }
        UpstreamClient.Reply reply = upstream.post(config.remote().logoutPath().orElse(null), refreshToken, null);
        if (reply.status >= 200 && reply.status < 300) {
            JsonNode revoked = reply.json == null || !reply.json.isObject() ? null : reply.json.get("revoked");
            if (revoked != null && revoked.isBoolean()) {
                return revoked.booleanValue();
            }
            LOG.log(System.Logger.Level.WARNING, String.format("CHATSDK-408: the ChatSDK API answered the logout with "
                    + "status %d but not {\"revoked\": true|false}; reported as not revoked (body not logged)",
                    reply.status));
            return false;
        }
        if (reply.status == 400 || reply.status == 401) {
            return false;
        }
        throw refused(reply, "logout");
    }

    /**
     * Ends every session of a user at the ChatSDK API ({@code chatsdk.remote.revoke-user-path}, with the API key), which
     * also disconnects the user's sockets. The API does not say how many sessions it ended.
     *
     * @return 1 when the API revoked the user's sessions (however many), 0 when it knows no such user
     * @throws ChatSdkException {@code INVALID_USER_ID} for an id no request path can carry; {@code UPSTREAM_REJECTED},
     *                          {@code UPSTREAM_UNAVAILABLE}, {@code UPSTREAM_TIMEOUT}, {@code UPSTREAM_BAD_RESPONSE} or
     *                          {@code RATE_LIMITED} as for the other calls
     */
    @Override
    public int revokeUser(String userId) {
        return revokeUser(userId, SERVER_REVOKE_REASON);
    }

    @Override
    public int revokeUser(String userId, String reason) {
        String problem = ChatUser.idProblem(userId);
        if (problem != null) {
            throw new ChatSdkException(ErrorCode.INVALID_USER_ID, problem);
        }
        String path = config.remote().revokeUserPath().replace(RemoteConfig.USER_ID, PathSegments.encode(userId));
        UpstreamClient.Reply reply = upstream.post(path, null, reasonBody(reason));
        if (reply.status >= 200 && reply.status < 300) {
            return 1;
        }
        if (reply.status == 404 && userNotFound(reply)) {
            return 0;
        }
        throw refused(reply, "user revocation");
    }

    /**
     * @return whether a 404 is the API's "User not found" rather than a path it has no endpoint at (a wrong
     *         {@code chatsdk.remote.revoke-user-path} must not pass for a user with nothing to revoke)
     */
    static boolean userNotFound(UpstreamClient.Reply reply) {
        JsonNode error = reply.json == null || !reply.json.isObject() ? null : reply.json.get("error");
        if (error == null || !error.isObject()) {
            return false;
        }
        JsonNode code = error.get("code");
        JsonNode message = error.get("message");
        return code != null && code.isTextual() && code.textValue().equals("USER_NOT_FOUND")
                || message != null && message.isTextual() && message.textValue().equalsIgnoreCase("User not found");
    }

    /** {@code {"reason": …}}, cut to the API's 255 characters. */
    private static byte[] reasonBody(String reason) {
        String text = reason == null || reason.isEmpty() ? SERVER_REVOKE_REASON : reason;
        if (text.length() > MAX_REASON) {
            int end = Character.isHighSurrogate(text.charAt(MAX_REASON - 1)) ? MAX_REASON - 1 : MAX_REASON;
            text = text.substring(0, end);
        }
        try {
            return JSON.writeValueAsBytes(Map.of("reason", text));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of one string is always JSON", e);
        }
    }

    /** The API's token answer, any known dialect; anything unusable is {@code UPSTREAM_BAD_RESPONSE}. */
    private ChatTokens tokens(UpstreamClient.Reply reply) {
        if (reply.json == null || !reply.json.isObject()) {
            throw new ChatSdkException(ErrorCode.UPSTREAM_BAD_RESPONSE, "The ChatSDK API did not answer with a JSON object.");
        }
        return TokenResponseReader.read(reply.json, clock.instant(), null,
                reason -> new ChatSdkException(ErrorCode.UPSTREAM_BAD_RESPONSE, "The ChatSDK API's answer " + reason + "."));
    }

    /**
     * The one check that the API's answer is about the user the module asked about.
     *
     * @return the tokens, when they are for {@code userId}: the answer's user is {@code userId}, and every token of
     *         the answer (access, refresh and ws token alike: a ws token for another user would connect this user as
     *         that one, a refresh token would turn the session into theirs) has a payload that reads as a JSON object
     *         and {@link #names names} {@code userId} and no one else
     * @throws ChatSdkException {@code UPSTREAM_BAD_RESPONSE} when the API answered with another user's tokens, or
     *         with a token whose claims cannot be read
     */
    private static ChatTokens forUser(ChatTokens tokens, String userId, String appId, String what) {
        boolean readable = true;
        boolean theirs = userId.equals(tokens.user().id());
        for (String token : new String[] {tokens.accessToken(), tokens.refreshToken(), tokens.wsToken()}) {
            if (token != null) {
                JsonNode claims = UnverifiedClaims.payload(token);
                readable &= claims != null && TokenShape.wellFormed(token);
                theirs &= claims != null && names(claims, userId, appId);
            }
        }
        if (!readable) {
            LOG.log(System.Logger.Level.WARNING, String.format("CHATSDK-409: the ChatSDK API answered the %s of user "
                    + "'%s' with a token whose claims cannot be read; the tokens are discarded (tokens not logged)",
                    what, userId));
            throw new ChatSdkException(ErrorCode.UPSTREAM_BAD_RESPONSE, "The ChatSDK API answered with a token whose "
                    + "claims cannot be read.");
        }
        if (theirs) {
            return tokens;
        }
        LOG.log(System.Logger.Level.WARNING, String.format("CHATSDK-409: the ChatSDK API answered the %s of user '%s' "
                + "with tokens for another user; they are discarded (tokens not logged)", what, userId));
        throw new ChatSdkException(ErrorCode.UPSTREAM_BAD_RESPONSE, "The ChatSDK API answered with tokens for another "
                + "user.");
    }

    /**
     * @return whether the claims name {@code userId} and no one else: {@code user_id}, when present, is it;
     *         {@code sub}, when present, is it or {@code <app id>:<it>} (the ChatSDK API, Centrifugo's connection
     *         token and this module's own issuer all write {@code sub = "<app id>:<user id>"}; user ids hold no
     *         {@code ':'}); and at least one of the two is present. With {@code chatsdk.app-id} set, the app part of
     *         {@code sub} and an {@code app_id} claim must be that app: alice of another app is someone else (Centrifugo
     *         connects by {@code sub})
     */
    static boolean names(JsonNode claims, String userId, String appId) {
        JsonNode id = claims.get("user_id");
        JsonNode sub = claims.get("sub");
        if (id == null && sub == null) {
            return false;
        }
        if (id != null && !(id.isTextual() && id.textValue().equals(userId))) {
            return false;
        }
        JsonNode app = claims.get("app_id");
        if (appId != null && app != null && !(app.isTextual() && app.textValue().equals(appId))) {
            return false;
        }
        if (sub == null) {
            return true;
        }
        String subject = sub.isTextual() ? sub.textValue() : null;
        if (subject == null || subject.equals(userId)) {
            return subject != null;
        }
        if (appId != null) {
            return subject.equals(appId + ":" + userId);
        }
        return subject.length() > userId.length() + 1 && subject.endsWith(":" + userId);
    }

    /**
     * @return the user a presented token's claims name ({@code user_id}, else {@code sub} after its last {@code ':'}),
     *         or {@code null}
     */
    static String userOf(JsonNode claims) {
        JsonNode id = claims == null ? null : claims.get("user_id");
        if (id != null && id.isTextual() && !id.textValue().isEmpty()) {
            return id.textValue();
        }
        JsonNode sub = claims == null ? null : claims.get("sub");
        if (sub == null || !sub.isTextual()) {
            return null;
        }
        String user = sub.textValue().substring(sub.textValue().lastIndexOf(':') + 1);
        return user.isEmpty() ? null : user;
    }

    /**
     * @param deadline the longest the check may take, connecting and the whole answer included
     * @return what keeps the ChatSDK API from being reachable, or empty when it answers within {@code deadline}
     */
    public Optional<String> checkUpstream(Duration deadline) {
        return Optional.ofNullable(upstream.probeWithin(deadline));
    }

    /** @return {@code closed}, {@code open} or {@code half-open}: the breaker of calls to the ChatSDK API */
    public String circuitState() {
        return upstream.circuitState();
    }

    /** @return whether per-session logout reaches the ChatSDK API ({@code chatsdk.remote.logout-path} is set) */
    @Override
    public boolean logoutEndsSession() {
        return config.remote().logoutPath().isPresent();
    }

    /**
     * The state of the breaker of calls to the ChatSDK API and, unless it is open (then nothing is called: DOWN as it
     * is), whether the API answers within {@code deadline}.
     */
    @Override
    public Health health(Duration deadline) {
        return ChatSdkHealth.upstream(circuitState(), this::checkUpstream, deadline);
    }

    /** The union of field names every known ChatSDK API reads; absent values are left out, never sent empty. */
    private static byte[] body(ChatUser user) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", user.id());
        user.name().ifPresent(n -> {
            body.put("name", n);
            body.put("displayName", n);
        });
        user.avatar().ifPresent(a -> {
            body.put("avatar", a);
            body.put("image", a);
        });
        user.email().ifPresent(e -> body.put("email", e));
        if (!user.custom().isEmpty()) {
            body.put("custom", user.custom());
            body.put("metadata", user.custom());
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new ChatSdkException(ErrorCode.INVALID_REQUEST, "Field 'custom' holds a value that cannot be written as JSON.");
        }
    }

    private ChatSdkException refused(UpstreamClient.Reply reply, String what) {
        if (reply.status == 401 || reply.status == 403) {
            return new ChatSdkException(ErrorCode.UPSTREAM_REJECTED, String.format("The ChatSDK API refused this "
                    + "server's credentials for %s (status %d); check 'chatsdk.remote.api-key'.", what, reply.status));
        }
        if (reply.status == 404) {
            return new ChatSdkException(ErrorCode.UPSTREAM_REJECTED, String.format("The ChatSDK API has no %s endpoint "
                    + "there (status 404); check 'chatsdk.api-url' and the 'chatsdk.remote.*-path' keys.", what));
        }
        if (reply.status == 429) {
            Duration wait = retryAfter(reply);
            return new UpstreamUnavailableException(ErrorCode.RATE_LIMITED, String.format("The ChatSDK API is rate "
                    + "limiting these requests; try again in %d seconds.", wait.getSeconds()), wait);
        }
        if (reply.status < 500) {
            return new ChatSdkException(ErrorCode.UPSTREAM_REJECTED, String.format("The ChatSDK API refused the %s "
                    + "request (status %d).", what, reply.status));
        }
        return new ChatSdkException(ErrorCode.UPSTREAM_BAD_RESPONSE, String.format("The ChatSDK API failed the %s "
                + "request (status %d).", what, reply.status));
    }

    /**
     * @return the API's wait: its {@code Retry-After}, else its body's {@code error.retryAfter} (seconds), else
     *         {@link #DEFAULT_RETRY_AFTER}; within 1 second and {@link #MAX_RETRY_AFTER}, in whole seconds
     */
    static Duration retryAfter(UpstreamClient.Reply reply) {
        Duration wait = reply.retryAfter;
        JsonNode inBody = reply.json == null || !reply.json.isObject() ? null : reply.json.path("error").get("retryAfter");
        if (wait == null && inBody != null && inBody.canConvertToLong()) {
            wait = Duration.ofSeconds(inBody.asLong());
        }
        if (wait == null) {
            wait = DEFAULT_RETRY_AFTER;
        }
        long seconds = Math.max(1, Math.min(MAX_RETRY_AFTER.getSeconds(), (wait.toMillis() + 999) / 1000));
        return Duration.ofSeconds(seconds);
    }

    @Override
    public String toString() {
        return "RemoteTokenIssuer[" + RedactedUrl.of(config.remote().apiUrl().orElse(null)) + (upstream.breakerOpen() ? ", breaker open" : "") + "]";
    }
}
