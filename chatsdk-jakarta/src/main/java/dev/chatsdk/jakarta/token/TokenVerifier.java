package dev.chatsdk.jakarta.token;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.MissingClaimException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.JsonNode;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.ErrorCode;

/**
 * Verifies the module's own tokens: their shape and claim types first ({@link ClaimTypes}, so that nothing
 * java-jwt cannot read reaches it), then algorithm and key fixed by configuration (never read from the
 * token), signature, {@code iss}, {@code aud}, {@code app_id} (this application's), {@code type}, the claims a
 * session needs, that every claim naming the user names the same one ({@code sub}, {@code user_id}, and
 * {@code userId} and {@code user.id} when present), and the times ({@code exp}, {@code nbf}, {@code iat})
 * against the application's clock with the configured skew. Every refusal is a {@link ChatSdkException} with the
 * kind's code. Thread-safe.
 */
final class TokenVerifier {
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta.token");
    private static final long CENTURY_SECONDS = 100L * 365 * 24 * 3600;

    /** The three kinds of token, each with its secret and its error codes. */
    enum Kind {
        ACCESS("access", ErrorCode.INVALID_TOKEN, ErrorCode.TOKEN_EXPIRED, "token"),
        REFRESH("refresh", ErrorCode.INVALID_REFRESH_TOKEN, ErrorCode.REFRESH_TOKEN_EXPIRED, "refresh token"),
        WS(null, ErrorCode.INVALID_TOKEN, ErrorCode.TOKEN_EXPIRED, "realtime token");

        final String type;
        final ErrorCode invalid;
        final ErrorCode expired;
        final String noun;

        Kind(String type, ErrorCode invalid, ErrorCode expired, String noun) {
            this.type = type;
            this.invalid = invalid;
            this.expired = expired;
            this.noun = noun;
        }
    }

    private final Map<String, JWTVerifier> access;
    private final Map<String, JWTVerifier> refresh;
    private final JWTVerifier ws;
    /** The access and refresh keys by key id, for the signature check before the payload is read. */
    private final Map<String, Algorithm> keysById;
    private final Hs256 wsKey;
    private final Duration skew;
    private final String appId;

    TokenVerifier(ChatSdkConfig config, SigningKeys keys) {
        Map<String, JWTVerifier> accessByKid = new HashMap<>();
        Map<String, JWTVerifier> refreshByKid = new HashMap<>();
        keys.verifiers.forEach((kid, algorithm) -> {
            accessByKid.put(kid, verifier(algorithm, config, Kind.ACCESS));
            refreshByKid.put(kid, verifier(algorithm, config, Kind.REFRESH));
        });
        this.access = Map.copyOf(accessByKid);
        this.refresh = Map.copyOf(refreshByKid);
        this.ws = verifier(keys.ws, config, Kind.WS);
        this.keysById = keys.verifiers;
        this.wsKey = keys.ws;
        this.skew = config.token().clockSkew();
        this.appId = config.appId();
    }

    /**
     * Times are checked by {@link #verify} against the application's clock, so java-jwt's own checks are opened wide.
     * A refresh token's audience is {@link LocalTokenIssuer#refreshAudience}; one minted before refresh tokens had
     * their own audience carries the access audience (and {@code type: refresh}) and is still accepted, so that a
     * deploy logs no one out: such tokens die out within {@code chatsdk.token.refresh-ttl}. Access and ws tokens must
     * carry the access audience, so a refresh token of either form is refused as an access token ({@code aud} or
     * {@code type}).
     */
    private static JWTVerifier verifier(Algorithm algorithm, ChatSdkConfig config, Kind kind) {
        var v = JWT.require(algorithm).withIssuer(config.token().issuer());
        v = kind == Kind.REFRESH
                ? v.withAnyOfAudience(LocalTokenIssuer.refreshAudience(config.token().audience()), config.token().audience())
                : v.withAudience(config.token().audience());
        v = v.withClaim(LocalTokenIssuer.APP_ID, config.appId())
                .withClaimPresence(LocalTokenIssuer.SESSION_ID).withClaimPresence(LocalTokenIssuer.USER_ID)
                .withClaimPresence("jti").withClaimPresence("exp")
                .acceptExpiresAt(CENTURY_SECONDS).acceptNotBefore(CENTURY_SECONDS).ignoreIssuedAt();
        return (kind.type == null ? v : v.withClaim(LocalTokenIssuer.TYPE, kind.type)).build();
    }

    /**
     * @param token      the compact JWT
     * @param kind       what it must be
     * @param now        the application's clock reading
     * @param checkTimes {@code false} to accept an expired token (logout, RFC 7009)
     * @return the verified token
     * @throws ChatSdkException with the kind's invalid or expired code
     */
    DecodedJWT verify(String token, Kind kind, Instant now, boolean checkTimes) {
        if (token.length() > TokenShape.MAX_LENGTH) {
            throw invalid(kind, "it is longer than " + TokenShape.MAX_LENGTH + " characters");
        }
        String shape = ClaimTypes.problem(token, header -> signedWithOurKey(token, header, kind));
        if (shape != null) {
            throw invalid(kind, shape);
        }
        DecodedJWT jwt;
        try {
            jwt = verified(token, kind);
        } catch (ChatSdkException e) {
            throw e;
        } catch (RuntimeException e) {
            // java-jwt failed on a token ClaimTypes let through: still the caller's bad token, so a 4xx, on one line
            LOG.log(System.Logger.Level.WARNING, "CHATSDK-410: a " + kind.noun + " of an unchecked shape failed in "
                    + "java-jwt (" + e.getClass().getName() + "); refused as not valid");
            throw invalid(kind, "it is not a well-formed JWT");
        }
        if (checkTimes) {
            checkTimes(jwt, kind, now);
        }
        return jwt;
    }

    private DecodedJWT verified(String token, Kind kind) {
        DecodedJWT jwt;
        try {
            // decoded once: the key id picks the verifier, which then checks the same decoded token
            DecodedJWT decoded = JWT.decode(token);
            jwt = verifierFor(decoded, kind).verify(decoded);
        } catch (JWTDecodeException e) {
            throw invalid(kind, "it is not a well-formed JWT");
        } catch (AlgorithmMismatchException | SignatureVerificationException e) {
            throw invalid(kind, "its signature does not verify");
        } catch (IncorrectClaimException e) {
            throw invalid(kind, "its '" + e.getClaimName() + "' claim is wrong");
        } catch (MissingClaimException e) {
            throw invalid(kind, "it lacks the '" + e.getClaimName() + "' claim");
        } catch (JWTVerificationException e) {
            throw invalid(kind, "it does not verify");
        }
        for (String claim : new String[] {LocalTokenIssuer.SESSION_ID, LocalTokenIssuer.USER_ID}) {
            String value = jwt.getClaim(claim).asString();
            if (value == null || value.isEmpty()) {
                throw invalid(kind, "its '" + claim + "' claim is wrong");
            }
        }
        if (jwt.getId() == null || jwt.getId().isEmpty()) {
            throw invalid(kind, "its 'jti' claim is wrong");
        }
        // What this server writes, and nothing else, reaches a session store: a store compares them in its own
        // encoding (a database driver writes an unpaired surrogate as '?', so "alice" and a lone surrogate would
        // match "alice?"; a database refuses a NUL outright), while this server only ever signs a user id ChatUser accepts and a random UUID.
        if (ChatUser.idProblem(jwt.getClaim(LocalTokenIssuer.USER_ID).asString()) != null) {
            throw invalid(kind, "its 'user_id' claim is not a user id");
        }
        if (!sessionIdShape(jwt.getClaim(LocalTokenIssuer.SESSION_ID).asString())) {
            throw invalid(kind, "its 'sid' claim is not a session id of this server");
        }
        if (kind == Kind.WS && !jwt.getClaim(LocalTokenIssuer.TYPE).isMissing()) {
            throw invalid(kind, "it is not a realtime token");
        }
        namesOneUser(jwt, kind);
        return jwt;
    }

    /**
     * @return whether the text could name a session of this server, which names them by random UUIDs: at most 36
     *         lower-case letters, digits and '-' (no case a collation could fold, no space it could pad, nothing an
     *         encoding could change)
     */
    static boolean sessionIdShape(String text) {
        if (text.length() > 36) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** {@code sub} is {@code <app id>:<user_id>}; {@code userId} and {@code user.id}, which we never write, agree. */
    private void namesOneUser(DecodedJWT jwt, Kind kind) {
        String userId = jwt.getClaim(LocalTokenIssuer.USER_ID).asString();
        if (!(appId + ":" + userId).equals(jwt.getSubject())) {
            throw invalid(kind, "its 'sub' claim names another user or application");
        }
        String alias = jwt.getClaim("userId").asString();
        if (alias != null && !alias.equals(userId)) {
            throw invalid(kind, "its 'userId' claim names another user");
        }
        Map<String, Object> user = jwt.getClaim("user").asMap();
        if (user != null && user.get("id") != null && !userId.equals(user.get("id"))) {
            throw invalid(kind, "its 'user.id' claim names another user");
        }
    }

    /**
     * The signature checked before anything else of the token is read: a flood of forged or foreign tokens costs one
     * HMAC each, not two JSON parses, java-jwt's decoding and an exception. Only for HS256 keys ({@link Hs256}, the
     * same computation java-jwt then repeats); an RSA or EC signature is checked once, by java-jwt.
     *
     * @return {@code false} when an HS256 key of ours for the token's {@code kid} and {@code alg} does not sign it;
     *         {@code true} otherwise (java-jwt then decides, and refuses an unknown kid or another algorithm)
     */
    private boolean signedWithOurKey(String token, JsonNode header, Kind kind) {
        JsonNode alg = header.get("alg");
        if (alg == null || !"HS256".equals(alg.textValue())) {
            return true;
        }
        Algorithm key;
        if (kind == Kind.WS) {
            key = wsKey;
        } else {
            JsonNode kid = header.get("kid");
            key = kid == null ? null : keysById.get(kid.textValue());
        }
        return !(key instanceof Hs256) || ((Hs256) key).matches(token, token.lastIndexOf('.'));
    }

    /** The realtime token has one key; the others are looked up by {@code kid} among our own keys only. */
    private JWTVerifier verifierFor(DecodedJWT token, Kind kind) {
        if (kind == Kind.WS) {
            return ws;
        }
        String kid = token.getKeyId();
        JWTVerifier verifier = kid == null ? null : (kind == Kind.ACCESS ? access : refresh).get(kid);
        if (verifier == null) {
            throw invalid(kind, "its key id is not one of this server's keys");
        }
        return verifier;
    }

    private void checkTimes(DecodedJWT jwt, Kind kind, Instant now) {
        if (now.minus(skew).isAfter(jwt.getExpiresAtAsInstant())) {
            throw new ChatSdkException(kind.expired, String.format("The %s expired at %s.", kind.noun,
                    jwt.getExpiresAtAsInstant()));
        }
        Instant notBefore = jwt.getNotBeforeAsInstant();
        if (notBefore != null && now.plus(skew).isBefore(notBefore)) {
            throw invalid(kind, "it is not valid before " + notBefore);
        }
        Instant issuedAt = jwt.getIssuedAtAsInstant();
        if (issuedAt != null && now.plus(skew).isBefore(issuedAt)) {
            throw invalid(kind, "it was issued in the future");
        }
    }

    private static ChatSdkException invalid(Kind kind, String why) {
        return new ChatSdkException(kind.invalid, String.format("The %s is not valid: %s.", kind.noun, why));
    }
}
