package dev.chatsdk.jakarta.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.ErrorCode;

/**
 * Reads request bodies, bounded in size, strict about UTF-8 (RFC 8259 §8.1: an overlong form, an encoded
 * surrogate or an invalid byte is refused, never decoded to another character) and strict about JSON (no
 * duplicate keys, nothing after the object): the server-to-server issue body, the union of every known field name ({@code userId},
 * {@code name|displayName}, {@code avatar|image}, {@code email}, {@code custom|metadata}), and the
 * refresh body {@code {refreshToken}}.
 */
final class RequestBodies {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Largest refused body still read (and discarded) so the client receives the 413. */
    static final int DRAIN_LIMIT = 256 * 1024;

    private RequestBodies() {
    }

    /**
     * Reads at most {@code limit} bytes; one more is {@link ErrorCode#PAYLOAD_TOO_LARGE}. A declared length over
     * the limit is refused without reading (the rest is left to {@link #discardRest}).
     */
    static byte[] readBounded(ChatRequest request, int limit) throws IOException {
        if (request.contentLength() > limit) {
            throw tooLarge(limit);
        }
        InputStream in = request.body();
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(0, Math.min(request.contentLength(), limit)));
        byte[] buffer = new byte[4096];
        int n;
        while ((n = in.read(buffer)) != -1) {
            if (out.size() + n > limit) {
                throw tooLarge(limit);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * Reads and discards what is left of a request body, up to {@link #DRAIN_LIMIT} bytes, once the answer is
     * decided: a server that answers before the body has arrived, or closes with unread bytes, makes the
     * connection unusable or reset, and the client may lose the answer or its next request. A larger body is
     * left unread (the container then closes the connection).
     */
    static void discardRest(ChatRequest request) {
        long declared = request.contentLength();
        if (declared == 0 || declared > DRAIN_LIMIT) {
            return;
        }
        try {
            InputStream in = request.body();
            byte[] sink = new byte[8192];
            long left = DRAIN_LIMIT;
            int n;
            while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) != -1) {
                left -= n;
            }
        } catch (IOException | RuntimeException e) {
            // the client went away or the body was already consumed: nothing left to keep clean
        }
    }

    private static ChatSdkException tooLarge(int limit) {
        return new ChatSdkException(ErrorCode.PAYLOAD_TOO_LARGE,
                String.format("The request body is larger than %d bytes.", limit));
    }

    static ChatUser user(byte[] body) {
        JsonNode root = object(body);
        JsonNode id = root.get("userId");
        if (id == null || !id.isTextual()) {
            throw new ChatSdkException(ErrorCode.INVALID_REQUEST, "Field 'userId' is required and must be a string.");
        }
        Map<String, Object> custom = new LinkedHashMap<>(object(root, "metadata"));
        custom.putAll(object(root, "custom"));
        return ChatUser.builder(id.textValue())
                .name(text(root, "name", "displayName"))
                .avatar(text(root, "avatar", "image"))
                .email(text(root, "email"))
                .custom(custom)
                .build();
    }

    /** @return the {@code refreshToken} field, or {@code null} when absent */
    static String refreshToken(byte[] body) {
        return text(object(body), "refreshToken");
    }

    private static JsonNode object(byte[] body) {
        JsonNode root = tree(body);
        if (!root.isObject()) {
            throw new ChatSdkException(ErrorCode.MALFORMED_JSON, "The request body must be a JSON object.");
        }
        return root;
    }

    private static JsonNode tree(byte[] body) {
        if (body.length == 0) {
            throw new ChatSdkException(ErrorCode.MALFORMED_JSON, "The request body is empty; send a JSON object.");
        }
        try {
            return JSON.readTree(utf8(body));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : String.format(" (line %d, column %d)", at.getLineNr(), at.getColumnNr());
            throw new ChatSdkException(ErrorCode.MALFORMED_JSON, "The request body is not valid JSON" + where + ".");
        } catch (IOException e) {
            throw new ChatSdkException(ErrorCode.MALFORMED_JSON, "The request body could not be read as JSON.");
        }
    }

    /**
     * Decodes the body as strict UTF-8: Jackson's own decoder accepts overlong forms ({@code C1 A1} for {@code a}),
     * so one user id could be spelled in several byte sequences. A leading byte order mark is skipped, as Jackson
     * skips it.
     */
    private static String utf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length);
        if (!decoder.decode(in, out, true).isUnderflow() || !decoder.flush(out).isUnderflow()) {
            throw new ChatSdkException(ErrorCode.MALFORMED_JSON, String.format("The request body is not valid UTF-8 "
                    + "(byte %d): an invalid byte, an overlong form or an encoded surrogate; send JSON as UTF-8.",
                    in.position() + 1));
        }
        out.flip();
        if (out.hasRemaining() && out.get(0) == '\uFEFF') {
            out.position(1);
        }
        return out.toString();
    }

    /** The first present of the alias fields, which must be a string or null. */
    private static String text(JsonNode root, String... aliases) {
        for (String field : aliases) {
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) {
                continue;
            }
            if (!node.isTextual()) {
                throw new ChatSdkException(ErrorCode.INVALID_REQUEST,
                        String.format("Field '%s' must be a string.", field));
            }
            return node.textValue();
        }
        return null;
    }

    private static Map<String, Object> object(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new ChatSdkException(ErrorCode.INVALID_REQUEST,
                    String.format("Field '%s' must be a JSON object.", field));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
        }
        return out;
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }
}
