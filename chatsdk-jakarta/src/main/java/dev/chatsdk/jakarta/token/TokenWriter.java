package dev.chatsdk.jakarta.token;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.auth0.jwt.algorithms.Algorithm;

import dev.chatsdk.jakarta.ChatSdkConfig;

/**
 * Writes the module's own compact JWTs, byte for byte what java-jwt's {@code JWTCreator} wrote for the same
 * claims (same claim order, times as seconds, a single audience as a string): the header and the claims
 * every token of a configuration shares ({@code iss}, {@code aud}, {@code app_id}, {@code scopes}) are
 * rendered once; strings are escaped as Jackson escapes them ({@link JsonText}); java-jwt's {@link Algorithm}
 * signs. About three times faster than building each token through {@code JWTCreator}, which serializes
 * every claim map through an {@code ObjectMapper}.
 *
 * <p>A refresh writer ({@link #refresh}) writes what only this module's refresh endpoint accepts: header
 * {@code typ} {@value LocalTokenIssuer#REFRESH_JWT_TYPE}, the audience {@link LocalTokenIssuer#refreshAudience}
 * and no {@code scopes}, so a verifier that checks signature, issuer and audience refuses it as an access token.
 *
 * <p>Thread-safe and immutable.
 */
final class TokenWriter {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Algorithm algorithm;
    private final byte[] header;
    /** {@code {"iss":…,"aud":…,"sub":"<app id>:} */
    private final String start;
    /** {@code ,"app_id":…,"sid":"} */
    private final String appId;
    /** {@code ,"scopes":[…],"iat":}, or {@code ,"iat":} in a refresh token */
    private final String scopes;

    /**
     * @param config    the issuer, audience, app id, scopes and key id every token carries
     * @param algorithm the key that signs ({@link Hs256} for HS256: a keyed Mac per thread)
     */
    TokenWriter(ChatSdkConfig config, Algorithm algorithm) {
        this(config, algorithm, false);
    }

    /**
     * @return a writer of refresh tokens: header {@code typ} {@value LocalTokenIssuer#REFRESH_JWT_TYPE}, audience
     *         {@link LocalTokenIssuer#refreshAudience}, no {@code scopes}
     */
    static TokenWriter refresh(ChatSdkConfig config, Algorithm algorithm) {
        return new TokenWriter(config, algorithm, true);
    }

    private TokenWriter(ChatSdkConfig config, Algorithm algorithm, boolean refresh) {
        this.algorithm = algorithm;
        // java-jwt's order: a type set with withHeader comes first, its default "JWT" last
        StringBuilder h = new StringBuilder("{");
        if (refresh) {
            h.append("\"typ\":");
            string(h, LocalTokenIssuer.REFRESH_JWT_TYPE);
            h.append(',');
        }
        h.append("\"kid\":");
        string(h, config.local().keyId());
        h.append(",\"alg\":");
        string(h, algorithm.getName());
        h.append(refresh ? "}" : ",\"typ\":\"JWT\"}");
        this.header = BASE64URL.encode(h.toString().getBytes(StandardCharsets.UTF_8));

        StringBuilder s = new StringBuilder("{\"iss\":");
        string(s, config.token().issuer());
        s.append(",\"aud\":");
        string(s, refresh ? LocalTokenIssuer.refreshAudience(config.token().audience()) : config.token().audience());
        s.append(",\"sub\":\"");
        JsonText.escaped(s, config.appId() + ":");
        this.start = s.toString();

        StringBuilder a = new StringBuilder(",\"app_id\":");
        string(a, config.appId());
        a.append(",\"sid\":");
        this.appId = a.toString();

        StringBuilder sc = new StringBuilder();
        if (!refresh) {
            sc.append(",\"scopes\":[");
            List<String> list = config.token().scopes();
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sc.append(',');
                }
                string(sc, list.get(i));
            }
            sc.append(']');
        }
        this.scopes = sc.append(",\"iat\":").toString();
    }

    /**
     * Starts a token's claims with the ones every token has, up to and including {@code exp}; the caller adds
     * its own and hands the builder to {@link #sign}.
     *
     * @return the open JSON object
     */
    StringBuilder claims(String userId, String sid, String jti, long iat, long exp) {
        StringBuilder json = new StringBuilder(640).append(start);
        JsonText.escaped(json, userId);
        json.append("\",\"user_id\":");
        string(json, userId);
        json.append(appId);
        string(json, sid);
        json.append(",\"jti\":");
        string(json, jti);
        return json.append(scopes).append(iat).append(",\"nbf\":").append(iat).append(",\"exp\":").append(exp);
    }

    /**
     * Closes the claims and signs them.
     *
     * @param claims from {@link #claims}, with the caller's claims added
     * @return the compact JWT
     */
    String sign(StringBuilder claims) {
        byte[] payload = BASE64URL.encode(claims.append('}').toString().getBytes(StandardCharsets.UTF_8));
        byte[] signature = BASE64URL.encode(signature(payload));
        byte[] token = new byte[header.length + payload.length + signature.length + 2];
        System.arraycopy(header, 0, token, 0, header.length);
        token[header.length] = '.';
        System.arraycopy(payload, 0, token, header.length + 1, payload.length);
        token[header.length + 1 + payload.length] = '.';
        System.arraycopy(signature, 0, token, token.length - signature.length, signature.length);
        return new String(token, StandardCharsets.US_ASCII);
    }

    /** @return the signature of {@code header.payload}, as java-jwt's {@link Algorithm#sign(byte[], byte[])} computes it */
    private byte[] signature(byte[] payload) {
        return algorithm.sign(header, payload);
    }

    /** Appends {@code ,"name":value}. */
    static void claim(StringBuilder json, String name, Object value) {
        json.append(",\"").append(name).append("\":");
        JsonText.value(json, value);
    }

    private static void string(StringBuilder json, String value) {
        JsonText.string(json, value);
    }
}
