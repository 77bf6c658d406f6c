package dev.chatsdk.jakarta.token;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ChatTokens;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.spi.TokenIssuer;

/**
 * Signs access, refresh and ws tokens in-process with HS256, with the claims of the contract (§3).
 * The ws token has its own secret, so Centrifugo's key cannot sign access tokens. Thread-safe.
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

    private final ChatSdkConfig config;
    private final Clock clock;
    private final Algorithm signing;
    private final Algorithm wsSigning;

    LocalTokenIssuer(ChatSdkConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.signing = Algorithm.HMAC256(config.localSecret().getBytes(StandardCharsets.UTF_8));
        this.wsSigning = Algorithm.HMAC256(config.localWsSecret().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public ChatTokens issue(ChatUser user) {
        Instant now = clock.instant();
        Instant iat = now.truncatedTo(ChronoUnit.SECONDS);
        String sid = UUID.randomUUID().toString();
        Instant accessExp = iat.plus(config.accessTtl());

        JWTCreator.Builder access = base(user, sid, iat, accessExp).withClaim(TYPE, "access");
        user.name().ifPresent(n -> access.withClaim(NAME, n));
        user.avatar().ifPresent(a -> access.withClaim(AVATAR, a));
        if (!user.custom().isEmpty()) {
            try {
                access.withClaim(CUSTOM, user.custom());
            } catch (IllegalArgumentException e) {
                throw new ChatSdkException(ErrorCode.INVALID_REQUEST, "Field 'custom' holds a value that is not JSON "
                        + "(only objects, arrays, strings, booleans, null and numbers that fit in 64 bits are allowed).");
            }
        }
        String refresh = base(user, sid, iat, iat.plus(config.refreshTtl())).withClaim(TYPE, "refresh").sign(signing);

        JWTCreator.Builder ws = base(user, sid, iat, accessExp);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put(NAME, user.name().orElse(null));
        info.put(AVATAR, user.avatar().orElse(null));
        ws.withClaim(INFO, info);

        return new ChatTokens(access.sign(signing), refresh, ws.sign(wsSigning), sid, now,
                config.accessTtl().toSeconds(), user);
    }

    private JWTCreator.Builder base(ChatUser user, String sid, Instant iat, Instant exp) {
        return JWT.create()
                .withKeyId(config.keyId())
                .withIssuer(config.tokenIssuer())
                .withAudience(config.audience())
                .withSubject(config.appId() + ":" + user.id())
                .withClaim(USER_ID, user.id())
                .withClaim(APP_ID, config.appId())
                .withClaim(SESSION_ID, sid)
                .withJWTId(UUID.randomUUID().toString())
                .withClaim(SCOPES, config.scopes())
                .withIssuedAt(iat)
                .withNotBefore(iat)
                .withExpiresAt(exp);
    }
}
