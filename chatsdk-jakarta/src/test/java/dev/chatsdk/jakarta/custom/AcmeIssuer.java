package dev.chatsdk.jakarta.custom;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;

import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ChatTokens;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.spi.ChatSession;
import dev.chatsdk.jakarta.spi.Health;
import dev.chatsdk.jakarta.spi.RefreshResult;
import dev.chatsdk.jakarta.spi.Rotation;
import dev.chatsdk.jakarta.spi.SessionStore;
import dev.chatsdk.jakarta.spi.TokenIssuer;
import dev.chatsdk.jakarta.spi.ValidatedToken;

/**
 * A token issuer of the application's own, written against the SPI alone (no built-in class): RS256 tokens with a key
 * pair made at start, sessions in whatever {@link SessionStore} it is given, and every optional capability.
 */
public final class AcmeIssuer implements TokenIssuer {
    public static final String KEY_ID = "acme-key-1";
    static final String APP_ID = "acme-app";
    static final Duration GRACE = Duration.ofSeconds(10);

    private final Clock clock;
    private final SessionStore sessions;
    private final RSAPublicKey publicKey;
    private final Algorithm algorithm;

    public AcmeIssuer(Clock clock, SessionStore sessions) {
        this.clock = clock;
        this.sessions = sessions;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            this.publicKey = (RSAPublicKey) pair.getPublic();
            this.algorithm = Algorithm.RSA256(publicKey, (RSAPrivateKey) pair.getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hash(String jti) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jti.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public ChatTokens issue(ChatUser user) {
        Instant now = clock.instant();
        ChatSession session = new ChatSession(UUID.randomUUID().toString(), user, now, now.plus(Duration.ofHours(8)), null);
        String jti = UUID.randomUUID().toString();
        sessions.create(session, hash(jti));
        return sign(session, jti, now);
    }

    private ChatTokens sign(ChatSession session, String refreshJti, Instant now) {
        Instant exp = now.plus(Duration.ofMinutes(15));
        String access = token(session, "access", UUID.randomUUID().toString(), now, exp);
        String refresh = token(session, "refresh", refreshJti, now, now.plus(Duration.ofHours(1)));
        String ws = token(session, "ws", UUID.randomUUID().toString(), now, exp);
        return new ChatTokens(access, refresh, ws, session.id(), now, Duration.between(now, exp).toSeconds(),
                session.user());
    }

    private String token(ChatSession session, String type, String jti, Instant now, Instant exp) {
        return JWT.create().withKeyId(KEY_ID).withSubject(APP_ID + ":" + session.user().id())
                .withClaim("user_id", session.user().id()).withClaim("app_id", APP_ID).withClaim("sid", session.id())
                .withClaim("type", type).withJWTId(jti).withIssuedAt(Date.from(now)).withExpiresAt(Date.from(exp))
                .sign(algorithm);
    }

    /** @return the verified token of that type, unexpired at the clock's reading */
    private DecodedJWT verified(String token, String type, ErrorCode invalid) {
        DecodedJWT jwt;
        try {
            jwt = JWT.decode(token);
            algorithm.verify(jwt);
        } catch (JWTDecodeException | SignatureVerificationException e) {
            throw new ChatSdkException(invalid, "The token does not verify.");
        }
        if (!type.equals(jwt.getClaim("type").asString())) {
            throw new ChatSdkException(invalid, "The token is not a " + type + " token.");
        }
        if (!clock.instant().isBefore(jwt.getExpiresAtAsInstant())) {
            throw new ChatSdkException(invalid == ErrorCode.INVALID_TOKEN ? ErrorCode.TOKEN_EXPIRED
                    : ErrorCode.REFRESH_TOKEN_EXPIRED, "The token expired.");
        }
        return jwt;
    }

    @Override
    public ChatTokens refresh(String refreshToken) {
        return refreshWithResult(refreshToken).tokens();
    }

    @Override
    public RefreshResult refreshWithResult(String refreshToken) {
        DecodedJWT presented = verified(refreshToken, "refresh", ErrorCode.INVALID_REFRESH_TOKEN);
        Instant now = clock.instant();
        String next = UUID.randomUUID().toString();
        Rotation rotation = sessions.rotate(presented.getClaim("sid").asString(), hash(presented.getId()), hash(next),
                now, GRACE);
        switch (rotation.outcome()) {
            case ROTATED:
            case RETRIED:
                return new RefreshResult(sign(rotation.session(), next, now),
                        rotation.outcome() == Rotation.Outcome.RETRIED);
            case REUSED:
                throw new ChatSdkException(ErrorCode.REFRESH_TOKEN_REUSED, "Replayed; the session is revoked.");
            case REVOKED:
                throw new ChatSdkException(ErrorCode.SESSION_REVOKED, "The session was revoked.");
            case EXPIRED:
                throw new ChatSdkException(ErrorCode.REFRESH_TOKEN_EXPIRED, "The session ended.");
            default:
                throw new ChatSdkException(ErrorCode.INVALID_REFRESH_TOKEN, "Unknown session.");
        }
    }

    @Override
    public boolean revoke(String refreshToken) {
        DecodedJWT presented;
        try {
            presented = verified(refreshToken, "refresh", ErrorCode.INVALID_REFRESH_TOKEN);
        } catch (ChatSdkException invalid) {
            return false;
        }
        return sessions.revokeSession(presented.getClaim("sid").asString(), clock.instant());
    }

    @Override
    public int revokeUser(String userId) {
        return sessions.revokeUser(userId, clock.instant());
    }

    @Override
    public boolean validatesTokens() {
        return true;
    }

    @Override
    public ValidatedToken validate(String token, boolean realtime) {
        DecodedJWT jwt = verified(token, realtime ? "ws" : "access", ErrorCode.INVALID_TOKEN);
        ChatSession session = sessions.find(jwt.getClaim("sid").asString())
                .orElseThrow(() -> new ChatSdkException(ErrorCode.INVALID_TOKEN, "Unknown session."));
        if (session.revokedAt().isPresent()) {
            throw new ChatSdkException(ErrorCode.SESSION_REVOKED, "The session was revoked.");
        }
        return new ValidatedToken(jwt.getClaim("user_id").asString(), jwt.getClaim("app_id").asString(),
                jwt.getSubject(), jwt.getIssuedAtAsInstant(), jwt.getExpiresAtAsInstant(), session);
    }

    @Override
    public List<Map<String, Object>> jwks() {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("kid", KEY_ID);
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("n", base64url(publicKey.getModulus()));
        jwk.put("e", base64url(publicKey.getPublicExponent()));
        return List.of(jwk);
    }

    private static String base64url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        int skip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                java.util.Arrays.copyOfRange(bytes, skip, bytes.length));
    }

    @Override
    public Health health(Duration deadline) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("acme.keyId", KEY_ID);
        return Health.up(data);
    }

    @Override
    public String toString() {
        return "AcmeIssuer[" + KEY_ID + "]";
    }

    private final AtomicInteger closes = new AtomicInteger();

    @Override
    public void close() {
        closes.incrementAndGet();
    }

    /** @return how often {@link #close()} was called */
    public int closes() {
        return closes.get();
    }
}
