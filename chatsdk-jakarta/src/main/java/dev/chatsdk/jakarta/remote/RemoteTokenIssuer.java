package dev.chatsdk.jakarta.remote;

import java.net.http.HttpClient;
import java.time.Clock;
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
import dev.chatsdk.jakarta.observe.Telemetry;
import dev.chatsdk.jakarta.spi.TokenIssuer;
import dev.chatsdk.jakarta.token.TokenResponseReader;
import dev.chatsdk.jakarta.token.TokenShape;

/**
 * The {@code remote} issuer: vouches for the application's user to a ChatSDK API with the secret API key
 * and relays the API's own tokens, refreshes and logouts, so that browsers only ever talk to the
 * application. A presented refresh token is forwarded only when it is {@link TokenShape well-formed}: anything
 * else is answered as an invalid token without calling the API. Thread-safe.
 */
public final class RemoteTokenIssuer implements TokenIssuer {
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta.remote");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> REFRESH_CODES = Set.of("MISSING_REFRESH_TOKEN", "INVALID_REFRESH_TOKEN",
            "REFRESH_TOKEN_EXPIRED", "REFRESH_TOKEN_REUSED", "SESSION_REVOKED");

    private final ChatSdkConfig config;
    private final Clock clock;
    private final UpstreamClient upstream;

    /** @param telemetry where calls to the API are counted and timed, or {@code null} for nowhere */
    RemoteTokenIssuer(ChatSdkConfig config, Clock clock, Telemetry telemetry) {
        this.config = config;
        this.clock = clock;
        this.upstream = new UpstreamClient(config, clock, HttpClient.newBuilder()
                .connectTimeout(config.remoteConnectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build(),
                telemetry);
        if (config.remoteLogoutPath() == null) {
            LOG.log(System.Logger.Level.WARNING, "CHATSDK-106: remote issuer without 'chatsdk.remote.logout-path': "
                    + "logout cannot end a session at the ChatSDK API; refresh tokens stay valid until they expire");
        }
    }

    @Override
    public ChatTokens issue(ChatUser user) {
        UpstreamClient.Reply reply = upstream.post(config.remoteTokenPath(), null, body(user));
        if (reply.status == 200 || reply.status == 201) {
            return tokens(reply);
        }
        throw refused(reply, "issue");
    }

    @Override
    public ChatTokens refresh(String refreshToken) {
        TokenShape.check(refreshToken, ErrorCode.INVALID_REFRESH_TOKEN);
        UpstreamClient.Reply reply = upstream.post(config.remoteRefreshPath(), refreshToken, null);
        if (reply.status == 200 || reply.status == 201) {
            return tokens(reply);
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
        if (config.remoteLogoutPath() == null || !TokenShape.wellFormed(refreshToken)) {
            return false;
        }
        UpstreamClient.Reply reply = upstream.post(config.remoteLogoutPath(), refreshToken, null);
        if (reply.status >= 200 && reply.status < 300) {
            JsonNode revoked = reply.json == null ? null : reply.json.get("revoked");
            return revoked == null || revoked.asBoolean();
        }
        if (reply.status == 400 || reply.status == 401) {
            return false;
        }
        throw refused(reply, "logout");
    }

    /** The API's token answer, any known dialect; anything unusable is {@code UPSTREAM_BAD_RESPONSE}. */
    private ChatTokens tokens(UpstreamClient.Reply reply) {
        if (reply.json == null || !reply.json.isObject()) {
            throw new ChatSdkException(ErrorCode.UPSTREAM_BAD_RESPONSE, "The ChatSDK API did not answer with a JSON object.");
        }
        return TokenResponseReader.read(reply.json, clock.instant(), null,
                reason -> new ChatSdkException(ErrorCode.UPSTREAM_BAD_RESPONSE, "The ChatSDK API's answer " + reason + "."));
    }

    /** @return what keeps the ChatSDK API from being reachable, or empty when it answers */
    public Optional<String> checkUpstream() {
        return Optional.ofNullable(upstream.probe());
    }

    /** @return {@code closed}, {@code open} or {@code half-open}: the breaker of calls to the ChatSDK API */
    public String circuitState() {
        return upstream.circuitState();
    }

    /** @return whether per-session logout reaches the ChatSDK API */
    public boolean logsOutUpstream() {
        return config.remoteLogoutPath() != null;
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
                    + "server's credentials for %s (status %d); check 'chatsdk.api-key'.", what, reply.status));
        }
        if (reply.status == 404) {
            return new ChatSdkException(ErrorCode.UPSTREAM_REJECTED, String.format("The ChatSDK API has no %s endpoint "
                    + "there (status 404); check 'chatsdk.api-url' and the 'chatsdk.remote.*-path' keys.", what));
        }
        if (reply.status == 429) {
            return new UpstreamUnavailableException("The ChatSDK API is rate limiting this server.",
                    reply.retryAfter != null ? reply.retryAfter : java.time.Duration.ofSeconds(2));
        }
        if (reply.status < 500) {
            return new ChatSdkException(ErrorCode.UPSTREAM_REJECTED, String.format("The ChatSDK API refused the %s "
                    + "request (status %d).", what, reply.status));
        }
        return new ChatSdkException(ErrorCode.UPSTREAM_BAD_RESPONSE, String.format("The ChatSDK API failed the %s "
                + "request (status %d).", what, reply.status));
    }

    @Override
    public String toString() {
        return "RemoteTokenIssuer[" + RedactedUrl.of(config.apiUrl()) + (upstream.breakerOpen() ? ", breaker open" : "") + "]";
    }
}
