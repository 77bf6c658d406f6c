package dev.chatsdk.jakarta.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.auth0.jwt.interfaces.DecodedJWT;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ChatTokens;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.remote.CentrifugoClient;
import dev.chatsdk.jakarta.spi.ChatSession;
import dev.chatsdk.jakarta.spi.Health;
import dev.chatsdk.jakarta.spi.RefreshResult;
import dev.chatsdk.jakarta.spi.Rotation;
import dev.chatsdk.jakarta.spi.SessionStore;
import dev.chatsdk.jakarta.spi.TokenIssuer;
import dev.chatsdk.jakarta.spi.ValidatedToken;

/**
 * Signs access, refresh and ws tokens in-process, with the claims docs/http-api.md lists (#the-tokens),
 * and keeps their sessions in a {@link SessionStore}: issue starts a session, refresh rotates it
 * (grace, reuse detection, maximum lifetime), logout and user-wide revocation end it. The ws token
 * has its own secret, so Centrifugo's key cannot sign access tokens. Thread-safe.
 */
public final class LocalTokenIssuer implements TokenIssuer {
    /** Claim names shared with verifiers. */
    public static final String USER_ID = "user_id";
    public static final String APP_ID = "app_id";
    public static final String TYPE = "type";
    public static final String SESSION_ID = "sid";
    public static final String SCOPES = "scopes";
    public static final String NAME = "name";
    public static final String AVATAR = "avatar";
    public static final String CUSTOM = "custom";
    public static final String INFO = "info";
    /**
     * The header {@code typ} of a refresh token (RFC 8725 §3.11 explicit typing); access and ws tokens say
     * {@code JWT}. Verifiers that check {@code typ}, as Nimbus (Spring Security) does by default, refuse it.
     */
    public static final String REFRESH_JWT_TYPE = "refresh+jwt";
    /** Appended to {@code chatsdk.token.audience} to make the refresh token's audience. */
    public static final String REFRESH_AUDIENCE_SUFFIX = ":refresh";

    private final ChatSdkConfig config;
    private final Clock clock;
    private final SessionStore sessions;
    private final SigningKeys keys;
    private final TokenWriter writer;
    private final TokenWriter refreshWriter;
    private final TokenWriter wsWriter;
    private final TokenVerifier verifier;
    private final Instant keysLoadedAt;
    /** Disconnects live sockets when sessions end; {@code null} without {@code chatsdk.centrifugo.*}. */
    private final CentrifugoClient centrifugo;

    LocalTokenIssuer(ChatSdkConfig config, Clock clock, SessionStore sessions) {
        this.config = config;
        this.clock = clock;
        this.sessions = sessions;
        this.keys = SigningKeys.load(config);
        this.writer = new TokenWriter(config, keys.signer);
        this.refreshWriter = TokenWriter.refresh(config, keys.signer);
        this.wsWriter = new TokenWriter(config, keys.ws);
        this.verifier = new TokenVerifier(config, keys);
        this.keysLoadedAt = clock.instant();
        this.centrifugo = config.centrifugo().enabled() ? CentrifugoClient.create(config, clock) : null;
    }

    /**
     * @param audience {@code chatsdk.token.audience}, the access token's audience
     * @return the refresh token's audience: {@code audience} + {@value #REFRESH_AUDIENCE_SUFFIX}, which no verifier
     *         of access tokens expects
     */
    public static String refreshAudience(String audience) {
        return audience + REFRESH_AUDIENCE_SUFFIX;
    }

    /** @return the public keys (active and retired) as JWKs; empty with HS256 */
    @Override
    public List<Map<String, Object>> jwks() {
        return keys.jwks;
    }

    /** Closes the Centrifugo client, when there is one; the session store is the module's to close. */
    @Override
    public void close() {
        if (centrifugo != null) {
            centrifugo.close();
        }
    }

    @Override
    public ChatTokens issue(ChatUser user) {
        Instant now = clock.instant();
        ChatSession session = new ChatSession(UUID.randomUUID().toString(), user, now, now.plus(config.session().maxLifetime()),
                null);
        String jti = UUID.randomUUID().toString();
        ChatTokens tokens = sign(session, jti, now);
        acceptedBack(tokens);
        sessions.create(session, jtiHash(jti));
        return tokens;
    }

    @Override
    public ChatTokens refresh(String refreshToken) {
        return refreshWithResult(refreshToken).tokens();
    }

    /** {@link #refresh(String)}, telling whether the store saw a retry within the grace window. */
    @Override
    public RefreshResult refreshWithResult(String refreshToken) {
        Instant now = clock.instant();
        DecodedJWT presented = verifier.verify(refreshToken, TokenVerifier.Kind.REFRESH, now, true);
        String next = UUID.randomUUID().toString();
        // the store matches the token's user in the rotation itself: a token naming someone else is UNKNOWN there,
        // and neither spends nor revokes the session
        Rotation rotation = sessions.rotate(presented.getClaim(SESSION_ID).asString(),
                presented.getClaim(USER_ID).asString(), jtiHash(presented.getId()), jtiHash(next), now,
                config.session().rotationGrace());
        switch (rotation.outcome()) {
            case ROTATED:
            case RETRIED:
                return new RefreshResult(sign(rotation.session(), next, now),
                        rotation.outcome() == Rotation.Outcome.RETRIED);
            case REUSED:
                disconnect(presented.getClaim(USER_ID).asString(), "refresh token reuse");
                throw new ChatSdkException(ErrorCode.REFRESH_TOKEN_REUSED,
                        "This refresh token was already used; its session is now revoked.");
            case REVOKED:
                throw new ChatSdkException(ErrorCode.SESSION_REVOKED, "The refresh token's session was revoked.");
            case EXPIRED:
                throw new ChatSdkException(ErrorCode.REFRESH_TOKEN_EXPIRED,
                        "The refresh token's session has reached its maximum lifetime.");
            default:
                throw new ChatSdkException(ErrorCode.INVALID_REFRESH_TOKEN,
                        "The refresh token's session is unknown to this server, or belongs to another user.");
        }
    }

    @Override
    public boolean revoke(String refreshToken) {
        Instant now = clock.instant();
        DecodedJWT presented;
        try {
            presented = verifier.verify(refreshToken, TokenVerifier.Kind.REFRESH, now, false);
        } catch (ChatSdkException invalid) {
            return false;
        }
        if (!ownsItsSession(presented)) {
            return false;
        }
        boolean revoked = sessions.revokeSession(presented.getClaim(SESSION_ID).asString(), now);
        if (revoked) {
            disconnect(presented.getClaim(USER_ID).asString(), "logout");
        }
        return revoked;
    }

    /** @return {@code true}: the store ends sessions by their id */
    @Override
    public boolean revokesSessions() {
        return true;
    }

    /**
     * Ends one session in the store and, when it was live and Centrifugo is configured, asks Centrifugo to drop its
     * user's sockets, as a logout does.
     */
    @Override
    public boolean revokeSession(String sessionId) {
        String userId = centrifugo == null ? null : sessions.find(sessionId).map(session -> session.user().id()).orElse(null);
        boolean revoked = sessions.revokeSession(sessionId, clock.instant());
        if (revoked) {
            disconnect(userId, "application logout");
        }
        return revoked;
    }

    /** Ends every session of a user in the store, and asks Centrifugo (when configured) to drop their sockets. */
    @Override
    public int revokeUser(String userId) {
        int revoked = sessions.revokeUser(userId, clock.instant());
        disconnect(userId, "user revocation");
        return revoked;
    }

    /** Asks Centrifugo, when configured, to drop the user's live sockets; returns at once. */
    private void disconnect(String userId, String why) {
        if (centrifugo != null && userId != null) {
            centrifugo.disconnect(userId, why);
        }
    }

    /** @return where this issuer keeps its sessions */
    public SessionStore sessionStore() {
        return sessions;
    }

    /**
     * The signing key's state (loaded, algorithm, key id, retired keys, when loaded and how long ago) and, with
     * {@code chatsdk.centrifugo.*}, the state of the breaker of calls to Centrifugo, which does not make the issuer
     * DOWN (disconnects are best-effort). Always UP: the keys were checked when the issuer was made. The session
     * store reports on its own.
     */
    @Override
    public Health health(Duration deadline) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("signingKey.loaded", true);
        data.put("signingKey.algorithm", config.local().algorithm().name());
        data.put("signingKey.keyId", config.local().keyId());
        data.put("signingKey.retiredKeys", (long) config.local().previousKeys().size());
        data.put("signingKey.loadedAt", keysLoadedAt.toString());
        data.put("signingKey.ageSeconds", Math.max(0, Duration.between(keysLoadedAt, clock.instant()).toSeconds()));
        if (centrifugo != null) {
            data.put("centrifugo.circuit", centrifugo.circuitState());
        }
        return Health.up(data);
    }

    @Override
    public boolean validatesTokens() {
        return true;
    }

    /**
     * Verifies an access or ws token and reads its session's current state.
     *
     * @param token    the token
     * @param realtime {@code true} for a ws token, {@code false} for an access token
     * @return the token with its live session
     * @throws ChatSdkException with {@code INVALID_TOKEN}, {@code TOKEN_EXPIRED} or {@code SESSION_REVOKED}
     */
    @Override
    public ValidatedToken validate(String token, boolean realtime) {
        Instant now = clock.instant();
        DecodedJWT jwt = verifier.verify(token, realtime ? TokenVerifier.Kind.WS : TokenVerifier.Kind.ACCESS, now, true);
        ChatSession session = sessions.find(jwt.getClaim(SESSION_ID).asString()).orElseThrow(
                () -> new ChatSdkException(ErrorCode.INVALID_TOKEN, "The token's session is unknown to this server."));
        if (!session.user().id().equals(jwt.getClaim(USER_ID).asString())) {
            throw new ChatSdkException(ErrorCode.INVALID_TOKEN, "The token does not belong to its session's user.");
        }
        if (session.revokedAt().isPresent()) {
            throw new ChatSdkException(ErrorCode.SESSION_REVOKED, "The token's session was revoked.");
        }
        if (!session.isActive(now)) {
            throw new ChatSdkException(ErrorCode.TOKEN_EXPIRED, "The token's session has reached its maximum lifetime.");
        }
        return new ValidatedToken(jwt.getClaim(USER_ID).asString(), jwt.getClaim(APP_ID).asString(), jwt.getSubject(),
                jwt.getIssuedAtAsInstant(), jwt.getExpiresAtAsInstant(), session);
    }

    /**
     * @return {@code false} when the token's session is known and belongs to another user than the token names
     *         (an unknown session is the store's answer to give)
     */
    private boolean ownsItsSession(DecodedJWT token) {
        return sessions.find(token.getClaim(SESSION_ID).asString())
                .map(session -> session.user().id().equals(token.getClaim(USER_ID).asString())).orElse(true);
    }

    /**
     * Signs the session's next tokens. No token outlives the session: each {@code exp} is its lifetime after
     * {@code iat} or the session's end (its whole second, never later), whichever comes first, and
     * {@code expiresIn} is the access token's {@code exp - iat}. The store answers {@code EXPIRED} for a session at
     * or past its end, so {@code exp >= iat}.
     */
    private ChatTokens sign(ChatSession session, String refreshJti, Instant now) {
        ChatUser user = session.user();
        long iat = now.getEpochSecond();
        long sessionEnd = session.expiresAt().getEpochSecond();
        long accessExp = Math.min(iat + config.token().accessTtl().toSeconds(), sessionEnd);
        long refreshExp = Math.min(iat + config.token().refreshTtl().toSeconds(), sessionEnd);

        StringBuilder access = writer.claims(user.id(), session.id(), UUID.randomUUID().toString(), iat, accessExp);
        TokenWriter.claim(access, TYPE, "access");
        user.name().ifPresent(n -> TokenWriter.claim(access, NAME, n));
        user.avatar().ifPresent(a -> TokenWriter.claim(access, AVATAR, a));
        if (!user.custom().isEmpty()) {
            try {
                TokenWriter.claim(access, CUSTOM, user.custom());
            } catch (IllegalArgumentException e) {
                throw new ChatSdkException(ErrorCode.INVALID_REQUEST, "Field 'custom' holds a value that is not JSON "
                        + "(only objects, arrays, strings, booleans, null and numbers that fit in 64 bits are allowed).");
            }
        }

        StringBuilder refresh = refreshWriter.claims(user.id(), session.id(), refreshJti, iat, refreshExp);
        TokenWriter.claim(refresh, TYPE, "refresh");

        StringBuilder ws = wsWriter.claims(user.id(), session.id(), UUID.randomUUID().toString(), iat, accessExp);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put(NAME, user.name().orElse(null));
        info.put(AVATAR, user.avatar().orElse(null));
        TokenWriter.claim(ws, INFO, info);

        return new ChatTokens(writer.sign(access), refreshWriter.sign(refresh), wsWriter.sign(ws), session.id(), now,
                accessExp - iat, user);
    }

    /**
     * Refuses, before any session exists, tokens longer than {@link TokenShape#MAX_LENGTH}: the module would reject
     * them when they come back. The bounds of {@link ChatUser} keep tokens near 6 KiB at most; only unusually long
     * configured claims (issuer, audience, scopes) could go further.
     */
    private static void acceptedBack(ChatTokens tokens) {
        int longest = Math.max(tokens.accessToken().length(), tokens.wsToken().length());
        if (longest > TokenShape.MAX_LENGTH) {
            throw new ChatSdkException(ErrorCode.INVALID_REQUEST, String.format("The tokens for this user would be %d "
                    + "characters long; tokens are at most %d. Shorten the fields 'name', 'avatar' or 'custom'.", longest,
                    TokenShape.MAX_LENGTH));
        }
    }

    /** @return the SHA-256 (hex) of a token id: what the store keeps instead of the token */
    public static String jtiHash(String jti) {
        return Sha256.hex(jti);
    }
}
