package dev.chatsdk.jakarta;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chatsdk.jakarta.token.TokenResponseReader;

/**
 * One issued token set: the access token, the refresh token, the realtime (WebSocket) token, when
 * they were issued and for how long the access token lives, and the user they were issued to.
 *
 * <p>{@link #toString()} never shows a token. This class is immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ChatTokens {
    private final String accessToken;
    private final String refreshToken;
    private final String wsToken;
    private final String sessionId;
    private final Instant issuedAt;
    private final long expiresInSeconds;
    private final ChatUser user;

    /**
     * @param accessToken      the access JWT
     * @param refreshToken     the refresh JWT, or {@code null} when the issuer gave none
     * @param wsToken          the realtime connection JWT, or {@code null} when the issuer gave none
     * @param sessionId        the session ({@code sid}) the tokens belong to, or {@code null} when unknown
     * @param issuedAt         the clock reading the tokens were issued at; their {@code iat} is its whole seconds
     * @param expiresInSeconds the access token's lifetime in seconds
     * @param user             the user the tokens were issued to
     * @throws NullPointerException if {@code accessToken}, {@code issuedAt} or {@code user} is {@code null}
     */
    public ChatTokens(String accessToken, String refreshToken, String wsToken, String sessionId, Instant issuedAt,
            long expiresInSeconds, ChatUser user) {
        this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
        this.refreshToken = refreshToken;
        this.wsToken = wsToken;
        this.sessionId = sessionId;
        this.issuedAt = Objects.requireNonNull(issuedAt, "issuedAt");
        this.expiresInSeconds = expiresInSeconds;
        this.user = Objects.requireNonNull(user, "user");
    }

    /** @return the access token (a JWT) */
    public String accessToken() {
        return accessToken;
    }

    /** @return the refresh token (a JWT; keep it secret), or {@code null} when the issuer gave none */
    public String refreshToken() {
        return refreshToken;
    }

    /** @return the realtime connection token (a JWT), or {@code null} when the issuer gave none */
    public String wsToken() {
        return wsToken;
    }

    /** @return the session id ({@code sid} claim), or {@code null} when unknown */
    public String sessionId() {
        return sessionId;
    }

    /** @return the clock reading the tokens were issued at (the {@code iat} claim is its whole seconds) */
    public Instant issuedAt() {
        return issuedAt;
    }

    /** @return the access token's lifetime in seconds */
    public long expiresInSeconds() {
        return expiresInSeconds;
    }

    /** @return when the access token expires: {@code iat + expiresIn}, whole seconds */
    public Instant expiresAt() {
        return issuedAt.truncatedTo(ChronoUnit.SECONDS).plusSeconds(expiresInSeconds);
    }

    /** @return the user the tokens were issued to */
    public ChatUser user() {
        return user;
    }

    /**
     * Reads a token response, in either naming ({@code accessToken} or {@code token}; {@code expiresIn} in seconds or
     * {@code expiresAt} in ms; {@code wsToken} or {@code _internal.wsToken}), as this module, a ChatSDK API or the
     * guide's backends send it.
     *
     * @param json the response body
     * @return the tokens; {@link #issuedAt()} is the response's {@code serverTime} when present, else now
     * @throws IllegalArgumentException if the body is not JSON, or lacks the access token or the expiry
     */
    public static ChatTokens fromJson(String json) {
        JsonNode answer;
        try {
            answer = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("the token response is not JSON");
        }
        if (answer == null || !answer.isObject()) {
            throw new IllegalArgumentException("the token response is not a JSON object");
        }
        Instant issuedAt = answer.path("serverTime").canConvertToLong()
                ? Instant.ofEpochMilli(answer.get("serverTime").asLong()) : Instant.now();
        return TokenResponseReader.read(answer, issuedAt, "unknown",
                reason -> new IllegalArgumentException("the token response " + reason));
    }

    @Override
    public String toString() {
        return "ChatTokens[user=" + user.id() + ", sid=" + sessionId + ", issuedAt=" + issuedAt + ", expiresIn="
                + expiresInSeconds + "s, tokens=<redacted>]";
    }
}
