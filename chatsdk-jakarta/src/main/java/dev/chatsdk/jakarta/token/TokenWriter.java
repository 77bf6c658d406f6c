package dev.chatsdk.jakarta.token;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

import dev.chatsdk.jakarta.ChatSdkConfig;

/**
 * Writes the module's own compact JWTs, byte for byte what java-jwt's {@code JWTCreator} wrote for the same
 * claims (same claim order, times as seconds, a single audience as a string): the header and the claims
 * every token of a configuration shares ({@code iss}, {@code aud}, {@code app_id}, {@code scopes}) are
 * rendered once; strings are escaped by Jackson's {@link JsonStringEncoder}; java-jwt's {@link Algorithm}
 * signs. About three times faster than building each token through {@code JWTCreator}, which serializes
 * every claim map through an {@code ObjectMapper}.
 *
 * <p>Thread-safe and immutable.
 */
final class TokenWriter {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final JsonStringEncoder ESCAPE = JsonStringEncoder.getInstance();

    private final Algorithm algorithm;
    private final byte[] header;
    /** {@code {"iss":…,"aud":…,"sub":"<app id>:} */
    private final String start;
    /** {@code ,"app_id":…,"sid":"} */
    private final String appId;
    /** {@code ,"scopes":[…],"iat":} */
    private final String scopes;

    /**
     * @param config    the issuer, audience, app id, scopes and key id every token carries
     * @param algorithm the key that signs
     */
    TokenWriter(ChatSdkConfig config, Algorithm algorithm) {
        this.algorithm = algorithm;
        StringBuilder h = new StringBuilder("{\"kid\":");
        string(h, config.keyId());
        h.append(",\"alg\":");
        string(h, algorithm.getName());
        h.append(",\"typ\":\"JWT\"}");
        this.header = BASE64URL.encode(h.toString().getBytes(StandardCharsets.UTF_8));

        StringBuilder s = new StringBuilder("{\"iss\":");
        string(s, config.tokenIssuer());
        s.append(",\"aud\":");
        string(s, config.audience());
        s.append(",\"sub\":\"");
        ESCAPE.quoteAsString(config.appId() + ":", s);
        this.start = s.toString();

        StringBuilder a = new StringBuilder(",\"app_id\":");
        string(a, config.appId());
        a.append(",\"sid\":");
        this.appId = a.toString();

        StringBuilder sc = new StringBuilder(",\"scopes\":[");
        List<String> list = config.scopes();
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                sc.append(',');
            }
            string(sc, list.get(i));
        }
        sc.append("],\"iat\":");
        this.scopes = sc.toString();
    }

    /**
     * Starts a token's claims with the ones every token has, up to and including {@code exp}; the caller adds
     * its own and hands the builder to {@link #sign}.
     *
     * @return the open JSON object
     */
    StringBuilder claims(String userId, String sid, String jti, long iat, long exp) {
        StringBuilder json = new StringBuilder(640).append(start);
        ESCAPE.quoteAsString(userId, json);
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
        byte[] signature = BASE64URL.encode(algorithm.sign(header, payload));
        byte[] token = new byte[header.length + payload.length + signature.length + 2];
        System.arraycopy(header, 0, token, 0, header.length);
        token[header.length] = '.';
        System.arraycopy(payload, 0, token, header.length + 1, payload.length);
        token[header.length + 1 + payload.length] = '.';
        System.arraycopy(signature, 0, token, token.length - signature.length, signature.length);
        return new String(token, StandardCharsets.US_ASCII);
    }

    /** Appends {@code ,"name":value}. */
    static void claim(StringBuilder json, String name, Object value) {
        json.append(",\"").append(name).append("\":");
        value(json, value);
    }

    /**
     * Appends a JSON value: what java-jwt accepted in a claim ({@code null}, strings, booleans, {@code Integer},
     * {@code Long}, finite {@code Double}, {@code Date} and {@code Instant} as seconds, maps with string keys,
     * lists, and {@code Integer[]}, {@code Long[]}, {@code String[]}).
     *
     * @throws IllegalArgumentException for anything else
     */
    static void value(StringBuilder json, Object value) {
        if (value == null) {
            json.append("null");
        } else if (value instanceof String) {
            string(json, (String) value);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            json.append(value);
        } else if (value instanceof Double) {
            double d = (Double) value;
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("not a JSON number");
            }
            json.append(d);
        } else if (value instanceof Date) {
            json.append(((Date) value).getTime() / 1000);
        } else if (value instanceof Instant) {
            json.append(((Instant) value).getEpochSecond());
        } else if (value instanceof Map) {
            json.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                if (!(e.getKey() instanceof String)) {
                    throw new IllegalArgumentException("a map key that is not a string");
                }
                if (!first) {
                    json.append(',');
                }
                first = false;
                string(json, (String) e.getKey());
                json.append(':');
                value(json, e.getValue());
            }
            json.append('}');
        } else if (value instanceof List) {
            array(json, ((List<?>) value).toArray());
        } else if (value instanceof Integer[] || value instanceof Long[] || value instanceof String[]) {
            array(json, (Object[]) value);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static void array(StringBuilder json, Object[] values) {
        json.append('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                json.append(',');
            }
            value(json, values[i]);
        }
        json.append(']');
    }

    private static void string(StringBuilder json, String value) {
        json.append('"');
        ESCAPE.quoteAsString(value, json);
        json.append('"');
    }
}
