package dev.chatsdk.jakarta.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

    private RequestBodies() {
    }

    /**
     * Reads the whole body, blocking, for an adapter that has no non-blocking read (JAX-RS without a servlet
     * container underneath): at most {@code limit} bytes, one more is {@link ErrorCode#PAYLOAD_TOO_LARGE} (a declared
     * length over the limit is refused without reading). A blocking read cannot be cut short, so the deadline is
     * checked between reads: a client that dribbles is answered {@link ErrorCode#REQUEST_TIMEOUT} at the first read
     * that returns after it (the container's own read timeout bounds each read). Nothing is read after the answer.
     */
    static byte[] readBounded(ChatRequest request, int limit, Duration timeout) throws IOException {
        if (request.contentLength() > limit) {
            throw tooLarge(limit);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        InputStream in = request.body();
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(0, Math.min(request.contentLength(), limit)));
        byte[] buffer = new byte[4096];
        int n;
        while ((n = in.read(buffer)) != -1) {
            if (out.size() + n > limit) {
                throw tooLarge(limit);
            }
            out.write(buffer, 0, n);
            if (System.nanoTime() - deadline > 0) {
                throw timedOut(timeout);
            }
        }
        return out.toByteArray();
    }

    /**
     * @return whether the request declared an HTTP/1.1 body ({@code Content-Length} above 0, or chunked); without
     *         either an HTTP/1.1 request has none (an HTTP/2 request may, and has no connection to close)
     */
    static boolean declared(ChatRequest request) {
        return request.contentLength() > 0 || request.header("Transfer-Encoding") != null;
    }

    /**
     * Whether a failed body read was the container giving up on a slow body (Jetty's minimum request data rate, a
     * container's read timeout): that is the client's slowness, a 408 it may retry, not a malformed body. Told by the
     * failure's own status (an exception with {@code getCode()} or {@code getStatus()} of 408) or a timeout in its
     * cause chain; the container's message is never shown.
     */
    static boolean slowBody(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.io.InterruptedIOException) {
                return true;
            }
            for (String status : new String[] {"getCode", "getStatus"}) {
                try {
                    Object code = t.getClass().getMethod(status).invoke(t);
                    if (code instanceof Integer && (Integer) code == 408) {
                        return true;
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // no such status on this exception
                }
            }
        }
        return false;
    }

    static ChatSdkException tooLarge(int limit) {
        return new ChatSdkException(ErrorCode.PAYLOAD_TOO_LARGE,
                String.format("The request body is larger than %d bytes.", limit));
    }

    static ChatSdkException timedOut(Duration timeout) {
        return new ChatSdkException(ErrorCode.REQUEST_TIMEOUT, String.format(
                "The request body did not arrive in time: the module waits for it at most %s "
                + "(chatsdk.web.body-timeout), and the container may give up sooner on a body that trickles in "
                + "(its minimum request data rate).", timeout));
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
