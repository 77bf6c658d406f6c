package dev.chatsdk.jakarta.token;

import com.auth0.jwt.JWT;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a token says about itself before anyone verified it: for the remote issuer, which cannot verify the ChatSDK
 * API's tokens, and for audit events about tokens that were refused. Never a reason to trust a token. Any token
 * that cannot be read (not a JWT, a header or payload of JSON {@code null}, a claim of another type) reads as
 * having no such claim. Stateless and thread-safe.
 */
public final class UnverifiedClaims {
    private UnverifiedClaims() {
    }

    /**
     * @param token a token, possibly {@code null} or malformed
     * @param name  a claim name
     * @return the claim's string value, or {@code null} when the token has no such string claim or cannot be read
     */
    public static String string(String token, String name) {
        if (token == null) {
            return null;
        }
        try {
            return JWT.decode(token).getClaim(name).asString();
        } catch (RuntimeException unreadable) {
            // JWTDecodeException, and what java-jwt throws on a header or payload of JSON null
            return null;
        }
    }

    /**
     * Reads a token's payload as strictly as this module reads its own tokens: strict UTF-8 JSON holding one object,
     * no name twice (where two readers could keep different values), nothing after it. The header and signature are
     * not looked at.
     *
     * @param token a token, possibly {@code null} or malformed
     * @return the payload, or {@code null} when the token is not three {@code .}-separated parts whose middle one
     *         is base64url of such a JSON object
     */
    public static JsonNode payload(String token) {
        if (token == null) {
            return null;
        }
        String[] parts = token.split("\\.", -1);
        return parts.length == 3 && !parts[1].isEmpty() ? ClaimTypes.object(parts[1]) : null;
    }
}
