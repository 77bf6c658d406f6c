package dev.chatsdk.jakarta.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * docs/http-api.md#errors: a fixed, seeded set of structured garbage in every token slot (refresh by header and by body, logout,
 * validate, validate-ws) always gets a 4xx with the JSON error body — never a 5xx. Logout may also answer RFC 7009's
 * 200 {@code {"revoked":false}}. A failed refresh leaves the real session usable.
 */
@Tag(TckTags.MALFORMED_TOKENS)
public class MalformedTokenTck extends TckHttp {
    private static final long SEED = 15;
    private static final String HS = part("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"chatsdk-1\"}");
    private static final String PAYLOAD = part("{\"sub\":\"a:b\",\"user_id\":\"b\",\"app_id\":\"a\",\"type\":\"refresh\","
            + "\"sid\":\"00000000-0000-0000-0000-000000000000\",\"jti\":\"x\",\"iat\":1,\"nbf\":1,\"exp\":4102444800}");
    private static final String SIG = part("signature-that-verifies-nothing-0123456789".getBytes(StandardCharsets.UTF_8));

    /** @return name → token: the fixed cases, then seeded mutations of a well-formed but unsigned token */
    static Map<String, String> garbage() {
        Map<String, String> cases = new LinkedHashMap<>();
        for (String json : new String[] {"null", "[]", "[1,2]", "42", "-1e999", "\"text\"", "true", "{}"}) {
            cases.put("header " + json, part(json) + "." + PAYLOAD + "." + SIG);
            cases.put("payload " + json, HS + "." + part(json) + "." + SIG);
        }
        String[][] claims = {{"exp", "\"tomorrow\""}, {"exp", "1e400"}, {"exp", "[1]"}, {"iat", "{}"}, {"nbf", "\"x\""},
                {"sid", "42"}, {"sid", "null"}, {"jti", "[]"}, {"type", "7"}, {"user_id", "{}"}, {"app_id", "false"},
                {"sub", "[\"a\",\"b\"]"}, {"aud", "{\"x\":1}"}, {"iss", "3.5"}, {"scopes", "\"chat:read\""}};
        for (String[] claim : claims) {
            cases.put("claim " + claim[0] + "=" + claim[1], HS + "." + part("{\"type\":\"refresh\",\"user_id\":\"b\",\"app_id\":\"a\","
                    + "\"sid\":\"s\",\"jti\":\"j\",\"exp\":4102444800,\"" + claim[0] + "\":" + claim[1] + "}") + "." + SIG);
        }
        cases.put("header alg none", part("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + PAYLOAD + ".");
        cases.put("header alg RS256", part("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"chatsdk-1\"}") + "." + PAYLOAD + "." + SIG);
        cases.put("header kid object", part("{\"alg\":\"HS256\",\"kid\":{\"a\":1}}") + "." + PAYLOAD + "." + SIG);
        cases.put("header crit", part("{\"alg\":\"HS256\",\"crit\":[\"exp\"],\"kid\":\"chatsdk-1\"}") + "." + PAYLOAD + "." + SIG);
        byte[] badUtf8 = {'{', '"', 's', 'u', 'b', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'};
        cases.put("payload invalid UTF-8", HS + "." + part(badUtf8) + "." + SIG);
        cases.put("header invalid UTF-8", part(new byte[] {'{', '"', (byte) 0xFE, '"', ':', '1', '}'}) + "." + PAYLOAD + "." + SIG);
        cases.put("payload not JSON", HS + "." + part("not json at all") + "." + SIG);
        cases.put("payload deep nesting", HS + "." + part("[".repeat(2000) + "]".repeat(2000)) + "." + SIG);
        cases.put("not base64url", "%%%." + PAYLOAD + "." + SIG);
        cases.put("padding", HS + "==." + PAYLOAD + "." + SIG);
        cases.put("two parts", HS + "." + PAYLOAD);
        cases.put("four parts", HS + "." + PAYLOAD + "." + SIG + "." + SIG);
        cases.put("five parts", HS + "." + PAYLOAD + "." + SIG + "." + SIG + "." + SIG);
        cases.put("dots only", "....");
        cases.put("one dot", ".");
        cases.put("inner whitespace", HS + " ." + PAYLOAD + ". " + SIG);
        cases.put("tab inside", HS + "\t" + PAYLOAD);
        cases.put("oversize", HS + "." + part("{\"pad\":\"" + "x".repeat(5000) + "\"}") + "." + SIG);
        Random random = new Random(SEED);
        String base = HS + "." + PAYLOAD + "." + SIG;
        String alphabet = "ABCxyz0189-_.=+/ {}\"";
        for (int i = 0; i < 12; i++) {
            char[] token = base.toCharArray();
            for (int n = 0; n < 1 + random.nextInt(6); n++) {
                token[random.nextInt(token.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            cases.put("mutation " + i + " (seed " + SEED + ")", new String(token));
        }
        return cases;
    }

    /** What a refresh token slot answers garbage with. */
    private static final String[] REFRESH = {"401 INVALID_REFRESH_TOKEN"};
    /** What validate answers garbage with: its own code, or on a remote-issuer target the disabled token API. */
    private static final String[] VALIDATE = {"401 INVALID_TOKEN", "404 TOKEN_API_DISABLED"};

    private static List<String> problems(String slot, java.util.function.Function<String, Reply> call, boolean logout,
            String... expected) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> c : garbage().entrySet()) {
            Reply reply;
            try {
                reply = call.apply(c.getValue());
            } catch (IllegalArgumentException e) {
                continue; // a value the HTTP client itself refuses to send in a header never reaches the target
            }
            try {
                if (logout && reply.status() == 200) {
                    assertThat(reply.json().get("revoked").asBoolean()).as("revoked").isFalse();
                } else {
                    assertClientError(reply, expected);
                }
            } catch (AssertionError e) {
                problems.add(slot + ", " + c.getKey() + ": "
                        + reply.toString().substring(0, Math.min(200, reply.toString().length())));
            }
        }
        return problems;
    }

    private static Reply bearer(String path, String token, boolean get) {
        HttpRequest.Builder request = request(api(path)).header("Authorization", "Bearer " + token);
        return send(get ? request.GET() : request.POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static Reply body(String path, String token) {
        byte[] json = ("{\"refreshToken\":\"" + token.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t") + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        return send(request(api(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)));
    }

    @Test
    void refreshByBearerAnswersEveryMalformedTokenWithAJsonClientError() {
        assertThat(problems("refresh (Bearer)", t -> bearer("/auth/refresh", t, false), false, REFRESH)).isEmpty();
    }

    @Test
    void refreshByBodyAnswersEveryMalformedTokenWithAJsonClientError() {
        assertThat(problems("refresh (body)", t -> body("/auth/refresh", t), false, REFRESH)).isEmpty();
    }

    @Test
    void logoutAnswersEveryMalformedTokenWithoutA5xx() {
        List<String> problems = problems("logout (Bearer)", t -> bearer("/auth/logout", t, false), true, REFRESH);
        problems.addAll(problems("revoke (body)", t -> body("/auth/revoke", t), true, REFRESH));
        assertThat(problems).isEmpty();
    }

    @Test
    void validateAnswersEveryMalformedTokenWithAJsonClientError() {
        assertThat(problems("validate", t -> bearer("/tokens/validate", t, true), false, VALIDATE)).isEmpty();
    }

    @Test
    void validateWsAnswersEveryMalformedTokenWithAJsonClientError() {
        assertThat(problems("validate-ws", t -> bearer("/tokens/validate-ws", t, true), false, VALIDATE)).isEmpty();
    }

    @Test
    void answersInvalidUtf8AndNonStringBodiesWithAJsonClientError() {
        byte[][] bodies = {{'{', '"', 'r', 'e', 'f', 'r', 'e', 's', 'h', 'T', 'o', 'k', 'e', 'n', '"', ':', '"', (byte) 0xC3,
                (byte) 0x28, '"', '}'}, "{\"refreshToken\":42}".getBytes(StandardCharsets.UTF_8),
                "{\"refreshToken\":null}".getBytes(StandardCharsets.UTF_8),
                "{\"refreshToken\":[\"a\"]}".getBytes(StandardCharsets.UTF_8),
                "{\"refreshToken\":{\"a\":1}}".getBytes(StandardCharsets.UTF_8),
                "{\"refreshToken\":\"a\",\"refreshToken\":\"b\"}".getBytes(StandardCharsets.UTF_8),
                "\"just a string\"".getBytes(StandardCharsets.UTF_8), "null".getBytes(StandardCharsets.UTF_8)};
        // each body's answer: invalid UTF-8, a duplicate key or no JSON object is malformed; a token that is no string
        // is an invalid field; a null one is no token
        String[] expected = {"400 MALFORMED_JSON", "400 INVALID_REQUEST", "401 MISSING_REFRESH_TOKEN",
                "400 INVALID_REQUEST", "400 INVALID_REQUEST", "400 MALFORMED_JSON", "400 MALFORMED_JSON",
                "400 MALFORMED_JSON"};
        for (String path : new String[] {"/auth/refresh", "/auth/logout"}) {
            for (int i = 0; i < bodies.length; i++) {
                Reply reply = send(request(api(path)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bodies[i])));
                assertClientError(reply, expected[i]);
            }
        }
    }

    @Test
    void aFailedRefreshLeavesTheRealSessionUsable() {
        JsonNode tokens = login();
        String real = text(tokens, "refreshToken");
        String[] parts = real.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + part("tampered-signature".getBytes(StandardCharsets.UTF_8));
        String unsigned = part("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";

        for (String bad : new String[] {tampered, unsigned, text(tokens, "accessToken"), text(tokens, "wsToken"),
                parts[0] + "." + parts[1]}) {
            assertError(refresh(api("/auth/refresh"), bad), 401, "INVALID_REFRESH_TOKEN");
        }
        Reply reply = refresh(api("/auth/refresh"), real);
        assertThat(reply.status()).as("the real refresh token after the failures: " + reply).isEqualTo(200);
        assertThat(sid(reply.json())).isEqualTo(sid(tokens));
    }
}
