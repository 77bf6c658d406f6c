package dev.chatsdk.jakarta.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.TestUsers;
import dev.chatsdk.jakarta.config.IdentityConfig;
import dev.chatsdk.jakarta.config.RateLimitConfig;
import dev.chatsdk.jakarta.config.RemoteConfig;
import dev.chatsdk.jakarta.config.WebConfig;
import dev.chatsdk.jakarta.remote.ScriptedUpstream;
import dev.chatsdk.jakarta.web.servlet.ChatNode;
import dev.chatsdk.testsupport.Http;
import dev.chatsdk.testsupport.LogCapture;

/**
 * Structured and random garbage in place of a token, over HTTP, on every endpoint that takes one (refresh by
 * Bearer and by body, logout, revoke, validate, validate-ws), with the local issuer and with the remote issuer
 * (against a local upstream, and against one that answers reuse and logout for anything): never a 5xx, always
 * the JSON error shape (logout: 200 {@code revoked:false}, as for any unknown token), and not one SEVERE log
 * record or stack trace. Much of the garbage is signed with the deployment's real secrets, so that it reaches
 * the claim checks behind the signature.
 */
class MalformedTokensIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestConfig TEST = new TestConfig();
    private static final long SEED = 15L;
    private static ChatNode local;
    private static ChatNode remote;
    private static ChatNode reusingRemote;
    private static ScriptedUpstream reusing;
    private static ChatNode revokingRemote;
    private static ScriptedUpstream revoking;
    private static JsonNode alice;

    private LogCapture capture;

    @BeforeAll
    static void start() throws Exception {
        local = ChatNode.start(ChatSdk.create(TEST.builder().set(WebConfig.MAX_BODY_SIZE, 256 * 1024).build()));
        remote = ChatNode.start(ChatSdk.create(remoteTo(local.http().baseUrl() + "/chatsdk")
                .set(RemoteConfig.LOGOUT_PATH, "/auth/logout").build()));
        // upstreams that answer reuse to every refresh, and revoked to every logout: the module then reads the
        // token it relayed, for its events
        reusing = new ScriptedUpstream().script(ScriptedUpstream.Answer.json(401,
                "{\"error\":{\"code\":\"REFRESH_TOKEN_REUSED\",\"message\":\"reused\"}}"));
        reusingRemote = ChatNode.start(ChatSdk.create(remoteTo(reusing.url()).build()));
        revoking = new ScriptedUpstream().script(ScriptedUpstream.Answer.json(200, "{\"revoked\":true}"));
        revokingRemote = ChatNode.start(ChatSdk.create(remoteTo(revoking.url())
                .set(RemoteConfig.LOGOUT_PATH, "/auth/logout")
                .build()));
        alice = local.loginAlice();
    }

    private static ChatSdkConfig.Builder remoteTo(String url) {
        return ChatSdkConfig.builder().set(RemoteConfig.API_URL, url).set(RemoteConfig.API_KEY, TEST.apiKey)
                .set(WebConfig.MAX_BODY_SIZE, 256 * 1024)
                .set(IdentityConfig.ROLES_ALLOWED, List.copyOf(java.util.Set.of(TestUsers.CHAT_ROLE)))
                .set(RateLimitConfig.IP, Optional.empty()).set(RateLimitConfig.USER, Optional.empty())
                .set(RateLimitConfig.API_KEY, Optional.empty());
    }

    @AfterAll
    static void stop() throws Exception {
        reusingRemote.close();
        reusing.close();
        revokingRemote.close();
        revoking.close();
        remote.close();
        local.close();
    }

    @BeforeEach
    void captureLogs() {
        capture = new LogCapture();
    }

    @AfterEach
    void releaseLogs() {
        capture.close();
    }

    @Test
    void localIssuerAnswersEveryMalformedTokenWithAClientError() {
        Map<String, String> corpus = corpus();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> garbage : corpus.entrySet()) {
            sendEverywhere(problems, local, garbage.getKey(), garbage.getValue(), true, true);
        }
        assertThat(problems).as(problems.size() + " wrong answers").isEmpty();
        assertQuietLogs(corpus.size());
        assertThat(local.refresh(alice.get("refreshToken").asText()).status()).as("alice's session survives").isEqualTo(200);
    }

    @Test
    void remoteIssuerAnswersEveryMalformedTokenWithAClientError() {
        Map<String, String> corpus = corpus();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> garbage : corpus.entrySet()) {
            sendEverywhere(problems, remote, garbage.getKey(), garbage.getValue(), true, false);
            if (!garbage.getKey().contains("#")) {
                // the structured corpus only: the JDK's HttpServer takes ~40 ms an exchange
                String body = body(garbage.getValue());
                clientError(problems, garbage.getKey() + " refreshed upstream", reusingRemote.http()
                        .call("POST", "/chatsdk/auth/refresh").json(body).send(),
                        garbage.getValue().isBlank() ? NONE : REFRESH_OR_REUSED);
                loggedOut(problems, garbage.getKey() + " logged out upstream", revokingRemote.http()
                        .call("POST", "/chatsdk/auth/logout").json(body).send(), false);
            }
        }
        assertThat(problems).as(problems.size() + " wrong answers").isEmpty();
        assertQuietLogs(corpus.size());
    }

    /**
     * @param unknownLogout whether logout must answer {@code revoked:false} (the scripted upstream says
     *                      {@code revoked:true} to anything it is sent)
     * @param everyAlias    every path of each endpoint, rather than one (the aliases share one handler)
     */
    private static void sendEverywhere(List<String> problems, ChatNode node, String name, String token,
            boolean unknownLogout, boolean everyAlias) {
        String body = body(token);
        List<String> refreshCodes = token.isBlank() ? NONE : REFRESH;
        boolean headerSafe = token.length() < 6000 && token.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        for (String path : everyAlias ? List.of("/chatsdk/auth/refresh", "/chatsdk/api/auth/refresh",
                "/chatsdk/tokens/refresh") : List.of("/chatsdk/api/auth/refresh")) {
            clientError(problems, name + " as body to " + path, node.http().call("POST", path).json(body).send(), refreshCodes);
        }
        if (headerSafe) {
            clientError(problems, name + " as Bearer to refresh", node.http().call("POST", "/chatsdk/auth/refresh")
                    .header("Authorization", "Bearer " + token).send(), refreshCodes);
        }
        if (headerSafe && everyAlias) {
            clientError(problems, name + " on validate", node.http().call("GET", "/chatsdk/tokens/validate")
                    .header("Authorization", "Bearer " + token).send(), ACCESS);
            clientError(problems, name + " on validate-ws", node.http().call("GET", "/chatsdk/tokens/validate-ws")
                    .header("Authorization", "Bearer " + token).send(), ACCESS);
        }
        for (String path : List.of("/chatsdk/auth/logout", "/chatsdk/auth/revoke")) {
            if (everyAlias || path.endsWith("logout")) {
                loggedOut(problems, name + " as body to " + path, node.http().call("POST", path).json(body).send(),
                        unknownLogout);
            }
            if (headerSafe && (everyAlias || path.endsWith("revoke"))) {
                loggedOut(problems, name + " as Bearer to " + path, node.http().call("POST", path)
                        .header("Authorization", "Bearer " + token).send(), unknownLogout);
            }
        }
    }

    /** What a refresh token slot answers garbage with: 401 and one of these codes. */
    private static final List<String> REFRESH = List.of("INVALID_REFRESH_TOKEN", "REFRESH_TOKEN_EXPIRED");
    /** The same, behind an upstream that answers reuse to every refresh it is sent. */
    private static final List<String> REFRESH_OR_REUSED = List.of("INVALID_REFRESH_TOKEN", "REFRESH_TOKEN_EXPIRED",
            "REFRESH_TOKEN_REUSED");
    /** What every slot answers a blank token with: it is no token at all. */
    private static final List<String> NONE = List.of("MISSING_REFRESH_TOKEN");
    /** What validate and validate-ws answer garbage with: 401 and one of these codes. */
    private static final List<String> ACCESS = List.of("INVALID_TOKEN", "TOKEN_EXPIRED");

    /** A 401 with the JSON error body, its code one the slot can give: never another 4xx, nor one without a body. */
    private static void clientError(List<String> problems, String what, Http.Reply reply, List<String> codes) {
        JsonNode error = json(reply).path("error");
        if (reply.status() != 401 || !codes.contains(error.path("code").asText())
                || error.path("message").asText().isBlank() || error.path("suggestion").asText().isBlank()) {
            problems.add(what + ": " + reply);
        }
    }

    private static void loggedOut(List<String> problems, String what, Http.Reply reply, boolean unknown) {
        if (reply.status() != 200) {
            clientError(problems, what, reply, NONE); // RFC 7009: any token is a 200, only a missing one is not
            return;
        }
        JsonNode revoked = json(reply).path("revoked");
        if (!revoked.isBoolean() || unknown && revoked.booleanValue()) {
            problems.add(what + ": " + reply);
        }
    }

    private static JsonNode json(Http.Reply reply) {
        try {
            return JSON.readTree(reply.response.body());
        } catch (java.io.IOException e) {
            return JSON.createObjectNode();
        }
    }

    private void assertQuietLogs(int requests) {
        List<String> loud = new ArrayList<>();
        for (LogRecord r : capture.records()) {
            if (r.getLevel().intValue() >= Level.SEVERE.intValue() || r.getThrown() != null) {
                loud.add(r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage() + " " + r.getThrown());
            }
        }
        assertThat(loud).as("after " + requests + " malformed tokens").isEmpty();
    }

    private static String body(String token) {
        try {
            return JSON.writeValueAsString(Map.of("refreshToken", token));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the corpus -------------------------------------------------------------------------------------

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Signs {@code header.payload} with HS256 and the given secret: garbage that passes the signature check. */
    private static String signed(String header, String payload, String secret) {
        return signedRaw(b64(header), b64(payload), secret);
    }

    private static String signedRaw(String header, String payload, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String input = header + "." + payload;
            return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode claims(String token) {
        try {
            return (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
    }

    /** Every named piece of garbage, structured first, then random from a fixed seed. */
    static Map<String, String> corpus() {
        Map<String, String> corpus = new LinkedHashMap<>();
        String refresh = alice.get("refreshToken").asText();
        String access = alice.get("accessToken").asText();
        String ws = alice.get("wsToken").asText();
        String goodHeader = header(refresh);
        String[] parts = refresh.split("\\.");
        List<String> shapes = List.of("null", "[]", "1", "\"x\"", "{}", "{\"alg\":\"none\"}", "true", "1e999", "");
        for (String shape : shapes) {
            corpus.put("header " + shape, b64(shape) + "." + parts[1] + "." + parts[2]);
            corpus.put("payload " + shape, parts[0] + "." + b64(shape) + "." + parts[2]);
            corpus.put("signed header " + shape, signed(shape, claims(refresh).toString(), TEST.secret));
            corpus.put("signed payload " + shape, signed(goodHeader, shape, TEST.secret));
            corpus.put("ws-signed header " + shape, signed(shape, claims(ws).toString(), TEST.wsSecret));
            corpus.put("ws-signed payload " + shape, signed(header(ws), shape, TEST.wsSecret));
        }
        byte[] invalidUtf8 = {(byte) 0xff, (byte) 0xfe, '{', '}'};
        corpus.put("invalid UTF-8 header", signedRaw(b64(invalidUtf8), parts[1], TEST.secret));
        corpus.put("invalid UTF-8 payload", signedRaw(parts[0], b64(invalidUtf8), TEST.secret));
        corpus.put("lone surrogate in the payload", signedRaw(parts[0], b64(new byte[] {'{', '"', 'a', '"', ':', '"',
            (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', '}'}), TEST.secret));
        for (String[] kv : wrongTypes()) {
            for (Map.Entry<String, String> kind : Map.of("refresh", refresh, "access", access).entrySet()) {
                ObjectNode c = claims(kind.getValue());
                c.set(kv[0], parse(kv[1]));
                corpus.put(kind.getKey() + " with " + kv[0] + "=" + kv[1], signed(goodHeader, c.toString(), TEST.secret));
            }
            ObjectNode c = claims(ws);
            c.set(kv[0], parse(kv[1]));
            corpus.put("ws with " + kv[0] + "=" + kv[1], signed(header(ws), c.toString(), TEST.wsSecret));
        }
        for (String h : List.of("{\"alg\":\"HS256\",\"kid\":{}}", "{\"alg\":\"HS256\",\"kid\":null}",
                "{\"alg\":\"HS256\",\"kid\":[\"chatsdk-1\"]}", "{\"alg\":{},\"kid\":\"chatsdk-1\"}",
                "{\"alg\":null,\"kid\":\"chatsdk-1\"}", "{\"alg\":\"HS256\",\"kid\":\"chatsdk-1\",\"typ\":[]}",
                "{\"alg\":\"HS256\",\"kid\":\"chatsdk-1\",\"kid\":\"other\"}")) {
            corpus.put("header " + h, signed(h, claims(refresh).toString(), TEST.secret));
        }
        corpus.put("duplicate claim", signed(goodHeader, claims(refresh).toString().replaceFirst("\\{",
                "{\"user_id\":\"mallory\","), TEST.secret));
        corpus.put("trailing JSON", signed(goodHeader, claims(refresh) + "{}", TEST.secret));
        corpus.put("two parts", parts[0] + "." + parts[1]);
        corpus.put("four parts", refresh + ".x");
        corpus.put("five parts (JWE)", parts[0] + "." + parts[1] + ".a.b.c");
        corpus.put("empty header", "." + parts[1] + "." + parts[2]);
        corpus.put("empty payload", parts[0] + ".." + parts[2]);
        corpus.put("empty signature", parts[0] + "." + parts[1] + ".");
        corpus.put("only dots", "..");
        corpus.put("a dot", ".");
        corpus.put("whitespace", "   ");
        corpus.put("whitespace inside", parts[0] + ". " + parts[1] + "." + parts[2]);
        corpus.put("tab and newline", parts[0] + "\t." + parts[1] + "\n." + parts[2]);
        corpus.put("NUL", "\u0000");
        corpus.put("non-ASCII", "é.ü.ß");
        corpus.put("padded base64", parts[0] + "==." + parts[1] + "." + parts[2]);
        corpus.put("standard base64 alphabet", parts[0].replace('-', '+').replace('_', '/') + "+/." + parts[1] + "."
                + parts[2]);
        corpus.put("impossible base64 length", parts[0] + "A." + parts[1] + "." + parts[2]);
        corpus.put("100 KB token", "a".repeat(50_000) + "." + "b".repeat(50_000) + ".c");
        corpus.put("100 KB signed payload", signed(goodHeader, "{\"pad\":\"" + "x".repeat(100_000) + "\"}", TEST.secret));
        corpus.put("deep JSON", signed(goodHeader, "[".repeat(5000) + "]".repeat(5000), TEST.secret));
        random(corpus, refresh, goodHeader);
        return corpus;
    }

    private static String[][] wrongTypes() {
        return new String[][] {
            {"exp", "\"x\""}, {"exp", "1e400"}, {"exp", "99999999999999999999999"}, {"exp", "9223372036854775807"},
            {"exp", "-9223372036854775808"}, {"exp", "1.5"}, {"exp", "null"}, {"exp", "[]"}, {"exp", "-1"},
            {"iat", "\"x\""}, {"iat", "9223372036854775807"}, {"nbf", "{}"}, {"nbf", "9223372036854775807"},
            {"sid", "{}"}, {"sid", "1"}, {"sid", "null"}, {"sid", "[\"x\"]"},
            {"user_id", "[]"}, {"user_id", "{}"}, {"user_id", "7"}, {"user", "[]"}, {"user", "\"alice\""},
            {"user", "{\"id\":{}}"}, {"userId", "[]"}, {"userId", "{}"},
            {"sub", "{}"}, {"sub", "1"}, {"jti", "{}"}, {"jti", "1"}, {"aud", "{}"}, {"aud", "[1]"},
            {"aud", "[\"chatsdk-client\",{}]"}, {"iss", "[]"}, {"iss", "{}"}, {"type", "{}"}, {"type", "null"},
            {"app_id", "1"}, {"app_id", "{}"}, {"scopes", "\"x\""}, {"scopes", "[{}]"}, {"custom", "[]"},
            {"custom", "\"x\""}, {"info", "[]"}, {"name", "{}"}, {"avatar", "[]"},
        };
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return whether both have the same segments, each decoding (base64url) to the same bytes */
    private static boolean sameBytes(String token, String other) {
        String[] a = token.split("\\.", -1);
        String[] b = other.split("\\.", -1);
        if (a.length != b.length) {
            return false;
        }
        try {
            for (int i = 0; i < a.length; i++) {
                if (!java.util.Arrays.equals(java.util.Base64.getUrlDecoder().decode(a[i]),
                        java.util.Base64.getUrlDecoder().decode(b[i]))) {
                    return false;
                }
            }
            return true;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** Random garbage from a fixed seed: printable noise, random segments, mutated and signed tokens. */
    private static void random(Map<String, String> corpus, String refresh, String goodHeader) {
        Random random = new Random(SEED);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ \"\\{}[]:,é\u0000\u2028";
        for (int i = 0; i < 60; i++) {
            StringBuilder noise = new StringBuilder();
            for (int n = random.nextInt(200); n > 0; n--) {
                noise.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            corpus.put("noise #" + i, noise.toString());
        }
        for (int i = 0; i < 60; i++) {
            StringBuilder segments = new StringBuilder();
            for (int p = 1 + random.nextInt(6); p > 0; p--) {
                byte[] bytes = new byte[random.nextInt(80)];
                random.nextBytes(bytes);
                segments.append(b64(bytes)).append(p > 1 ? "." : "");
            }
            corpus.put("random segments #" + i, segments.toString());
        }
        for (int i = 0; i < 60; i++) {
            char[] chars = refresh.toCharArray();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            // a flip of the unused low bits of a segment's last character leaves the same bytes: the same token,
            // encoded leniently (as JWT libraries decode it), not a malformed one
            if (!sameBytes(refresh, new String(chars))) {
                corpus.put("mutated #" + i, new String(chars));
            }
        }
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = claims(refresh).fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        names.addAll(List.of("user", "userId"));
        String[] values = {"null", "[]", "{}", "1", "-1", "1.5", "1e400", "9223372036854775807", "\"\"", "\"x\"", "true",
            "[1,\"a\",{}]", "{\"id\":[]}", "99999999999999999999999"};
        for (int i = 0; i < 120; i++) {
            ObjectNode c = claims(refresh);
            String[] broken = wrongTypes()[random.nextInt(wrongTypes().length)];
            for (int changes = random.nextInt(3); changes > 0; changes--) {
                String name = names.get(random.nextInt(names.size()));
                if (random.nextInt(5) == 0) {
                    c.remove(name);
                } else {
                    c.set(name, parse(values[random.nextInt(values.length)]));
                }
            }
            // at least one claim of a wrong type, set last so that no change undoes it: no random pair is ever valid
            // (set first, a change once replaced it: jti 1e400 is written as the string "Infinity", a valid token
            // with an unknown jti, which revoked alice's session as reuse)
            c.set(broken[0], parse(broken[1]));
            corpus.put("signed random claims #" + i + " " + c, signed(goodHeader, c.toString(), TEST.secret));
        }
    }
}
