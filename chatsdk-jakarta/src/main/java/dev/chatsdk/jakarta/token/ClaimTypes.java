package dev.chatsdk.jakarta.token;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The shape of a token as this module writes it, checked before java-jwt reads one. java-jwt decodes a header
 * or payload of JSON {@code null} and then fails with a {@code NullPointerException}, turns a time beyond
 * {@link java.time.Instant}'s range into a {@code DateTimeException}, keeps the last of two claims of one name
 * (where another verifier may keep the first), and reads a claim of another type as {@code null}: none of these
 * may reach it. Here a token is three non-empty base64url segments; its header and payload are strict UTF-8 JSON
 * objects with no duplicate names and nothing after them; and every header field and claim the module writes, when
 * present, has the type it writes ({@code exp}, {@code iat}, {@code nbf}: whole seconds from 1970 to 9999). Which
 * claims must be present, and their values, is the verifier's business. Thread-safe.
 */
final class ClaimTypes {
    /** 9999-12-31T23:59:59Z: the latest time a token may name. */
    static final long LATEST_SECOND = 253_402_300_799L;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Set<String> HEADER_STRINGS = Set.of("alg", "kid", "typ", "cty");
    private static final Set<String> STRINGS = Set.of("iss", "sub", "jti", LocalTokenIssuer.SESSION_ID,
            LocalTokenIssuer.USER_ID, LocalTokenIssuer.APP_ID, LocalTokenIssuer.TYPE, LocalTokenIssuer.NAME,
            LocalTokenIssuer.AVATAR, "userId");
    private static final Set<String> TIMES = Set.of("exp", "iat", "nbf");
    private static final Set<String> OBJECTS = Set.of(LocalTokenIssuer.CUSTOM, LocalTokenIssuer.INFO, "user");

    private ClaimTypes() {
    }

    /** Checks a token's signature once its header is known to be well formed, before its payload is read. */
    interface Signature {
        /**
         * @param header the token's header, a JSON object whose fields have the types this module writes
         * @return {@code false} when the signature is certainly wrong; {@code true} leaves the verdict to java-jwt
         */
        boolean plausible(JsonNode header);
    }

    /**
     * @param token a compact JWT
     * @return why it is not shaped as this module's tokens are, as a clause (never quoting the token), or
     *         {@code null} when it is
     */
    static String problem(String token) {
        return problem(token, header -> true);
    }

    /**
     * @param token     a compact JWT
     * @param signature checked between the header and the payload: a token of another key is refused without its
     *                  payload ever being parsed
     * @return why it is not shaped as this module's tokens are or is not signed, as a clause (never quoting the
     *         token), or {@code null} when it is
     */
    static String problem(String token, Signature signature) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return "it is not a well-formed JWT";
        }
        if (parts[2].isEmpty()) {
            return "its signature does not verify";
        }
        if (!TokenShape.wellFormed(token)) {
            return "it is not a well-formed JWT";
        }
        JsonNode header = object(parts[0]);
        if (header == null) {
            return "its header is not a JSON object";
        }
        if (header.get("crit") != null) {
            return "its header has critical parameters this server does not understand";
        }
        for (String field : HEADER_STRINGS) {
            if (header.has(field) && !header.get(field).isTextual()) {
                return "its header's '" + field + "' is not a string";
            }
        }
        if (!signature.plausible(header)) {
            return "its signature does not verify";
        }
        JsonNode claims = object(parts[1]);
        if (claims == null) {
            return "its payload is not a JSON object";
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = claims.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> claim = it.next();
            if (!typed(claim.getKey(), claim.getValue())) {
                return "its '" + claim.getKey() + "' claim has the wrong type";
            }
        }
        return null;
    }

    private static boolean typed(String name, JsonNode value) {
        if (STRINGS.contains(name)) {
            return value.isTextual();
        }
        if (TIMES.contains(name)) {
            return value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0
                    && value.longValue() <= LATEST_SECOND;
        }
        if (OBJECTS.contains(name)) {
            return value.isObject() && (!name.equals("user") || value.get("id") == null || value.get("id").isTextual());
        }
        if (name.equals("aud")) {
            return value.isTextual() || strings(value);
        }
        if (name.equals(LocalTokenIssuer.SCOPES)) {
            return strings(value);
        }
        return true;
    }

    private static boolean strings(JsonNode value) {
        if (!value.isArray()) {
            return false;
        }
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                return false;
            }
        }
        return true;
    }

    /** Non-empty, the URL-safe alphabet only, without padding, and a length base64 can have. */
    /** @return the segment as a JSON object, or {@code null} when it is not strict UTF-8 JSON holding one */
    static JsonNode object(String part) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Base64.getUrlDecoder().decode(part))).toString();
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (CharacterCodingException | JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }
}
