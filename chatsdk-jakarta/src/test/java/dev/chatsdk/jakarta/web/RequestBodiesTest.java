package dev.chatsdk.jakarta.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.ErrorCode;

/** Request bodies on their own: the size bound, the read deadline, strict UTF-8, strict JSON and each field's rule. */
class RequestBodiesTest {
    private static final Duration LONG = Duration.ofMinutes(5);

    private static FakeRequest body(byte[] bytes, long declaredLength) {
        return new FakeRequest("POST", "/auth/tokens").body(new ByteArrayInputStream(bytes), declaredLength);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static void refused(Runnable call, ErrorCode code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ChatSdkException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void readsABodyUpToTheLimit() throws IOException {
        byte[] eight = utf8("{\"a\":12}");

        assertThat(RequestBodies.readBounded(body(eight, 8), 8, LONG)).isEqualTo(eight);
        assertThat(RequestBodies.readBounded(body(eight, -1), 8, LONG)).as("no declared length").isEqualTo(eight);
        assertThat(RequestBodies.readBounded(body(new byte[0], 0), 8, LONG)).isEmpty();
    }

    @Test
    void oneByteOverTheLimitIsPayloadTooLarge() {
        byte[] nine = utf8("{\"a\":123}");

        assertThatThrownBy(() -> RequestBodies.readBounded(body(nine, -1), 8, LONG))
                .isInstanceOfSatisfying(ChatSdkException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
                    assertThat(e.code().status()).isEqualTo(413);
                    assertThat(e.getMessage()).isEqualTo("The request body is larger than 8 bytes.");
                });
        // a body longer than it declared is counted as read, not as declared
        assertThatThrownBy(() -> RequestBodies.readBounded(body(nine, 4), 8, LONG))
                .isInstanceOfSatisfying(ChatSdkException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE));
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedWithoutReading() {
        InputStream unreadable = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("read");
            }
        };
        FakeRequest request = new FakeRequest("POST", "/auth/tokens").body(unreadable, 9);

        assertThatThrownBy(() -> RequestBodies.readBounded(request, 8, LONG))
                .isInstanceOfSatisfying(ChatSdkException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE));
    }

    @Test
    void aBodyStillArrivingAfterTheDeadlineIsARequestTimeout() {
        InputStream dribbling = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                try {
                    Thread.sleep(2); // past the deadline of zero, whatever the clock's resolution
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                b[off] = 'x';
                return 1;
            }
        };
        FakeRequest request = new FakeRequest("POST", "/auth/tokens").body(dribbling, -1);

        assertThatThrownBy(() -> RequestBodies.readBounded(request, 1024, Duration.ZERO))
                .isInstanceOfSatisfying(ChatSdkException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.REQUEST_TIMEOUT);
                    assertThat(e.code().status()).isEqualTo(408);
                    assertThat(e.getMessage()).isEqualTo("The request body did not arrive in time: the module waits "
                            + "for it at most PT0S (chatsdk.web.body-timeout), and the container may give up sooner on "
                            + "a body that trickles in (its minimum request data rate).");
                });
    }

    @Test
    void aBodyIsDeclaredByALengthOrChunking() {
        assertThat(RequestBodies.declared(body(new byte[0], 1))).isTrue();
        assertThat(RequestBodies.declared(body(new byte[0], 0))).isFalse();
        assertThat(RequestBodies.declared(body(new byte[0], -1))).isFalse();
        assertThat(RequestBodies.declared(body(new byte[0], -1).header("Transfer-Encoding", "chunked"))).isTrue();
    }

    @Test
    void readsTheUserWithEveryFieldAlias() {
        ChatUser user = RequestBodies.user(utf8("{\"userId\":\"u-1\",\"displayName\":\"Zoë\",\"image\":\"https://a.test/z.png\","
                + "\"email\":\"z@a.test\",\"metadata\":{\"team\":\"red\",\"level\":2},\"custom\":{\"team\":\"blue\"}}"));

        assertThat(user.id()).isEqualTo("u-1");
        assertThat(user.name()).contains("Zoë");
        assertThat(user.avatar()).contains("https://a.test/z.png");
        assertThat(user.email()).contains("z@a.test");
        assertThat(user.custom()).as("custom wins over metadata").isEqualTo(Map.of("team", "blue", "level", 2));

        ChatUser first = RequestBodies.user(utf8("{\"userId\":\"u-2\",\"name\":\"N\",\"displayName\":\"D\",\"avatar\":null,"
                + "\"image\":\"https://a.test/i.png\"}"));
        assertThat(first.name()).as("the first alias present").contains("N");
        assertThat(first.avatar()).as("a null alias is absent").contains("https://a.test/i.png");
        assertThat(first.email()).isEmpty();
        assertThat(first.custom()).isEmpty();
    }

    @Test
    void eachFieldHasItsType() {
        refused(() -> RequestBodies.user(utf8("{\"name\":\"n\"}")), ErrorCode.INVALID_REQUEST,
                "Field 'userId' is required and must be a string.");
        refused(() -> RequestBodies.user(utf8("{\"userId\":7}")), ErrorCode.INVALID_REQUEST,
                "Field 'userId' is required and must be a string.");
        refused(() -> RequestBodies.user(utf8("{\"userId\":\"u\",\"displayName\":[\"n\"]}")), ErrorCode.INVALID_REQUEST,
                "Field 'displayName' must be a string.");
        refused(() -> RequestBodies.user(utf8("{\"userId\":\"u\",\"custom\":\"x\"}")), ErrorCode.INVALID_REQUEST,
                "Field 'custom' must be a JSON object.");
        refused(() -> RequestBodies.refreshToken(utf8("{\"refreshToken\":{}}")), ErrorCode.INVALID_REQUEST,
                "Field 'refreshToken' must be a string.");
        assertThat(ErrorCode.INVALID_REQUEST.status()).isEqualTo(400);
    }

    @Test
    void readsTheRefreshToken() {
        assertThat(RequestBodies.refreshToken(utf8("{\"refreshToken\":\"r-1\"}"))).isEqualTo("r-1");
        assertThat(RequestBodies.refreshToken(utf8("{}"))).isNull();
        assertThat(RequestBodies.refreshToken(utf8("{\"refreshToken\":null}"))).isNull();
    }

    @Test
    void anEmptyOrMalformedBodyIsMalformedJson() {
        refused(() -> RequestBodies.user(new byte[0]), ErrorCode.MALFORMED_JSON,
                "The request body is empty; send a JSON object.");
        refused(() -> RequestBodies.refreshToken(new byte[0]), ErrorCode.MALFORMED_JSON,
                "The request body is empty; send a JSON object.");
        refused(() -> RequestBodies.user(utf8("{\"userId\":\n\"u\"")), ErrorCode.MALFORMED_JSON,
                "The request body is not valid JSON (line 2, column 4).");
        refused(() -> RequestBodies.user(utf8("[\"u\"]")), ErrorCode.MALFORMED_JSON,
                "The request body must be a JSON object.");
        refused(() -> RequestBodies.user(utf8("\"u\"")), ErrorCode.MALFORMED_JSON,
                "The request body must be a JSON object.");
        assertThat(ErrorCode.MALFORMED_JSON.status()).isEqualTo(400);
    }

    @Test
    void jsonIsStrict() {
        assertThatThrownBy(() -> RequestBodies.user(utf8("{\"userId\":\"a\",\"userId\":\"b\"}")))
                .as("a duplicate key").isInstanceOfSatisfying(ChatSdkException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
                    assertThat(e.getMessage()).startsWith("The request body is not valid JSON (line 1, column ");
                });
        assertThatThrownBy(() -> RequestBodies.user(utf8("{\"userId\":\"a\"} {}")))
                .as("something after the object").isInstanceOfSatisfying(ChatSdkException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_JSON));
    }

    @Test
    void utf8IsStrict() {
        // {"userId":"a"} with the a as the overlong C1 A1
        byte[] overlong = bytes('{', '"', 'u', 's', 'e', 'r', 'I', 'd', '"', ':', '"', 0xC1, 0xA1, '"', '}');
        refused(() -> RequestBodies.user(overlong), ErrorCode.MALFORMED_JSON, "The request body is not valid UTF-8 "
                + "(byte 12): an invalid byte, an overlong form or an encoded surrogate; send JSON as UTF-8.");
        // an encoded surrogate (U+D800 as ED A0 80)
        byte[] surrogate = bytes('{', '"', 'u', 's', 'e', 'r', 'I', 'd', '"', ':', '"', 0xED, 0xA0, 0x80, '"', '}');
        refused(() -> RequestBodies.user(surrogate), ErrorCode.MALFORMED_JSON, "The request body is not valid UTF-8 "
                + "(byte 12): an invalid byte, an overlong form or an encoded surrogate; send JSON as UTF-8.");
        // a body cut inside a character
        byte[] cut = bytes('{', '"', 'r', '"', ':', '"', 0xC3);
        assertThatThrownBy(() -> RequestBodies.refreshToken(cut)).isInstanceOfSatisfying(ChatSdkException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
            assertThat(e.getMessage()).startsWith("The request body is not valid UTF-8 (byte 7)");
        });
    }

    @Test
    void aByteOrderMarkIsSkippedAndOtherCharactersKept() {
        byte[] json = utf8("{\"userId\":\"ü-€-𝄞\"}");
        byte[] withBom = new byte[json.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(json, 0, withBom, 3, json.length);

        assertThat(RequestBodies.user(withBom).id()).isEqualTo("ü-€-𝄞");
        assertThat(RequestBodies.user(json).id()).isEqualTo("ü-€-𝄞");
    }

    @Test
    void aJsonMediaTypeIsApplicationJsonOrAPlusJsonType() {
        assertThat(RequestBodies.isJson("application/json")).isTrue();
        assertThat(RequestBodies.isJson("Application/JSON; charset=UTF-8")).isTrue();
        assertThat(RequestBodies.isJson(" application/vnd.api+json ")).isTrue();
        assertThat(RequestBodies.isJson("text/json")).isFalse();
        assertThat(RequestBodies.isJson("application/jsonp")).isFalse();
        assertThat(RequestBodies.isJson("text/plain")).isFalse();
        assertThat(RequestBodies.isJson("")).isFalse();
        assertThat(RequestBodies.isJson(null)).isFalse();
    }

    /** A container that gave up on a slow body is a 408 the client may retry, not a malformed body. */
    @Test
    void tellsAContainersSlowBodyAbortFromABrokenBody() {
        class StatusException extends java.io.IOException {
            private final int code;

            StatusException(int code) {
                super("status " + code);
                this.code = code;
            }

            public int getCode() {
                return code;
            }
        }
        assertThat(RequestBodies.slowBody(new StatusException(408))).isTrue();
        assertThat(RequestBodies.slowBody(new java.io.IOException(new StatusException(408)))).isTrue();
        assertThat(RequestBodies.slowBody(new java.io.IOException(new java.util.concurrent.TimeoutException()))).isTrue();
        assertThat(RequestBodies.slowBody(new java.net.SocketTimeoutException())).isTrue();
        assertThat(RequestBodies.slowBody(new StatusException(400))).isFalse();
        assertThat(RequestBodies.slowBody(new java.io.EOFException("early EOF"))).isFalse();
        assertThat(RequestBodies.slowBody(new IllegalStateException())).isFalse();
    }
}
