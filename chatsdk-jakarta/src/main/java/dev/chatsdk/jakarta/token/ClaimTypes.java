package dev.chatsdk.jakarta.token;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
        if (parts[2].isEmpty() || !canonicalEnd(parts[2])) {
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
        return claims(parts[1]);
    }

    /**
     * The payload, checked as it is read rather than built into a tree first (it is read once more by java-jwt): the
     * whole payload must be strict JSON before the first claim of a wrong type is named, as a check over a tree would
     * name it ({@code ClaimTypesTest} compares the two).
     *
     * @return why the payload is not a JSON object of claims of the types this module writes, or {@code null}
     */
    private static String claims(String part) {
        String text = utf8(part);
        if (text == null) {
            return "its payload is not a JSON object";
        }
        String wrongType = null;
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return "its payload is not a JSON object";
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                p.nextToken();
                if (!typed(name, p) && wrongType == null) {
                    wrongType = "its '" + name + "' claim has the wrong type";
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                return "its payload is not a JSON object";
            }
        } catch (IOException | IllegalArgumentException e) {
            return "its payload is not a JSON object";
        }
        return wrongType;
    }

    /**
     * Whether the claim at the parser has the type this module writes for that name (any other claim may have any
     * type); leaves the parser at the value's last token.
     */
    private static boolean typed(String name, JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (STRINGS.contains(name)) {
            p.skipChildren();
            return t == JsonToken.VALUE_STRING;
        }
        if (TIMES.contains(name)) {
            p.skipChildren();
            return t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER
                    && p.getLongValue() >= 0 && p.getLongValue() <= LATEST_SECOND;
        }
        if (OBJECTS.contains(name)) {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                return false;
            }
            boolean typed = true;
            for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
                boolean id = name.equals("user") && p.currentName().equals("id");
                if (p.nextToken() != JsonToken.VALUE_STRING && id) {
                    typed = false;
                }
                p.skipChildren();
            }
            return typed;
        }
        if (name.equals("aud")) {
            return t == JsonToken.VALUE_STRING || strings(p);
        }
        if (name.equals(LocalTokenIssuer.SCOPES)) {
            return strings(p);
        }
        p.skipChildren();
        return true;
    }

    /** @return whether the parser is at an array of strings only; leaves it at the value's last token */
    private static boolean strings(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return false;
        }
        boolean strings = true;
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            if (e == null) {
                throw new JsonParseException(p, "unexpected end of input");
            }
            strings &= e == JsonToken.VALUE_STRING;
            p.skipChildren();
        }
        return strings;
    }

    /**
     * Whether a base64url segment's last character leaves the bits beyond its last byte zero. The JDK's decoder (and
     * java-jwt's) ignores those bits, so a signature would have up to four spellings that all verify, and anything
     * keyed on a token's text (a deny-list, a cache, a log search) could be walked around with another. The header
     * and payload need no such check: they are signed as text, so another spelling breaks the signature.
     */
    static boolean canonicalEnd(String segment) {
        int unused = segment.length() % 4 == 2 ? 0x0F : segment.length() % 4 == 3 ? 0x03 : 0;
        if (unused == 0) {
            return true;
        }
        char c = segment.charAt(segment.length() - 1);
        int value = c >= 'A' && c <= 'Z' ? c - 'A' : c >= 'a' && c <= 'z' ? c - 'a' + 26
                : c >= '0' && c <= '9' ? c - '0' + 52 : c == '-' ? 62 : 63;
        return (value & unused) == 0;
    }

    /** @return the segment as a JSON object, or {@code null} when it is not strict UTF-8 JSON holding one */
    static JsonNode object(String part) {
        String text = utf8(part);
        if (text == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

    /** @return the base64url segment's bytes as strict UTF-8 text, or {@code null} when they are not */
    private static String utf8(String part) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Base64.getUrlDecoder().decode(part))).toString();
        } catch (CharacterCodingException | IllegalArgumentException e) {
            return null;
        }
    }
}
