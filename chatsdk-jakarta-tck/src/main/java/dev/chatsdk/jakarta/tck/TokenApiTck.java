package dev.chatsdk.jakarta.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** docs/http-api.md#server-to-server-issue, #errors: the server-to-server token API of a local-issuer deployment. */
@Tag(TckTags.TOKEN_API)
public class TokenApiTck extends TckHttp {
    private static Reply issue(String path, String key, String contentType, String body) {
        HttpRequest.Builder request = request(api(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    @Test
    void issuesForTheUserInTheBodyOnEveryAlias() {
        String key = apiKey();
        for (String path : new String[] {"/auth/tokens", "/api/auth/connect", "/tokens"}) {
            Reply reply = issue(path, key, "application/json", "{\"userId\":\"tck-u1\",\"displayName\":\"TCK User\","
                    + "\"image\":\"https://example.com/tck.png\",\"metadata\":{\"a\":1},\"custom\":{\"b\":2},\"extra\":true}");

            assertThat(reply.status()).as(path + " " + reply).isEqualTo(200);
            assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
            JsonNode user = reply.json().get("user");
            assertThat(user.get("id").asText()).isEqualTo("tck-u1");
            assertThat(user.get("name").asText()).isEqualTo("TCK User");
            assertThat(user.get("avatar").asText()).isEqualTo("https://example.com/tck.png");
            assertThat(user.get("custom").toString()).isEqualTo("{\"a\":1,\"b\":2}");
        }
    }

    @Test
    void refusesCallersWithoutAValidKey() {
        apiKey();
        assertError(issue("/auth/tokens", null, "application/json", "{\"userId\":\"u\"}"), 401, "MISSING_API_KEY");
        assertError(issue("/auth/tokens", "tck-wrong-key", "application/json", "{\"userId\":\"u\"}"), 401,
                "INVALID_API_KEY");
    }

    @Test
    void answersBadBodiesWithTheRightCode() {
        String key = apiKey();
        assertError(issue("/auth/tokens", key, "text/plain", "userId=u"), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertError(issue("/auth/tokens", key, "application/json", "{\"userId\":"), 400, "MALFORMED_JSON");
        assertError(issue("/auth/tokens", key, "application/json", "[1]"), 400, "MALFORMED_JSON");
        assertError(issue("/auth/tokens", key, "application/json", "{\"name\":\"x\"}"), 400, "INVALID_REQUEST");
        assertError(issue("/auth/tokens", key, "application/json", "{\"userId\":\"a:b\"}"), 400, "INVALID_USER_ID");
        assertError(issue("/auth/tokens", key, "application/json", "{\"userId\":\"\"}"), 400, "INVALID_USER_ID");
        assertError(issue("/auth/tokens", key, "application/json", "{\"userId\":\"u\",\"custom\":[1]}"), 400,
                "INVALID_REQUEST");
        assertError(issue("/auth/tokens", key, "application/json",
                "{\"userId\":\"u\",\"avatar\":\"javascript:alert(1)\"}"), 400, "INVALID_REQUEST");
        String big = "{\"userId\":\"u\",\"custom\":{\"x\":\"" + "x".repeat(20_000) + "\"}}";
        assertError(issue("/auth/tokens", key, "application/json", big), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void refusesUserIdsThatBreakTheRules() {
        String key = apiKey();
        for (String id : new String[] {"x".repeat(256), "a\\u0000b", "a\\u001fb", "line\\nbreak", "app:user", ":",
            // and ids no revoke-tokens path could name on every container
            "a/b", "a\\\\b", "50%", ".", ".."}) {
            assertError(issue("/auth/tokens", key, "application/json", "{\"userId\":\"" + id + "\"}"), 400, "INVALID_USER_ID");
        }
        for (String id : new String[] {"42", "null", "true", "[\"u\"]", "{\"id\":\"u\"}"}) {
            assertError(issue("/auth/tokens", key, "application/json", "{\"userId\":" + id + "}"), 400, "INVALID_REQUEST");
        }
    }

    @Test
    void refusesAnUnpairedSurrogateInEveryStringItWouldSign() {
        String key = apiKey();
        // JSON escapes: a lone high or low surrogate, which UTF-8 cannot encode (it must not become '?' and another id)
        for (String id : new String[] {"u\\ud800", "\\udc00u"}) {
            assertError(issue("/auth/tokens", key, "application/json", "{\"userId\":\"" + id + "\"}"), 400,
                    "INVALID_USER_ID");
        }
        for (String field : new String[] {"\"name\":\"ab\\ud800\"", "\"email\":\"a\\udfffb@e.x\"",
            "\"avatar\":\"https://e.x/\\ud800\"", "\"custom\":{\"role\":\"a\\ud800\"}",
            "\"custom\":{\"a\":[\"x\",\"\\udc00\"]}", "\"custom\":{\"k\\ud800\":1}"}) {
            assertError(issue("/auth/tokens", key, "application/json", "{\"userId\":\"u\"," + field + "}"), 400,
                    "INVALID_REQUEST");
        }
        Reply paired = issue("/auth/tokens", key, "application/json",
                "{\"userId\":\"u\\ud83d\\ude00\",\"name\":\"\\ud83d\\ude00\"}");
        assertThat(paired.status()).as(paired.toString()).isEqualTo(200);
        assertThat(paired.json().get("user").get("id").asText()).isEqualTo("u\ud83d\ude00");
    }

    @Test
    void refusesAProfileOverItsLimitsBeforeSigningOrStoringIt() {
        String key = apiKey();
        // an email over RFC 5321's 254 characters, custom claims over 2 KiB: each a 400 naming the field, never a
        // token too large to be sent back, nor a store that refuses the row (a retryable 503 for ever)
        String longEmail = "a".repeat(250) + "@e.xy";
        String bigCustom = "{\"k\":\"" + "x".repeat(2100) + "\"}";
        for (String field : new String[] {"\"email\":\"" + longEmail + "\"", "\"custom\":" + bigCustom}) {
            Reply reply = issue("/auth/tokens", key, "application/json", "{\"userId\":\"u\"," + field + "}");
            assertError(reply, 400, "INVALID_REQUEST");
        }
        assertThat(issue("/auth/tokens", key, "application/json",
                "{\"userId\":\"u\",\"email\":\"" + "a".repeat(249) + "@e.xy\"}").status()).isEqualTo(200);
    }

    @Test
    void refusesABodyThatIsNotStrictUtf8() {
        String key = apiKey();
        // "u" + the overlong two-byte form of 'a': a lenient decoder reads the user id "ua"
        byte[] overlong = {'{', '"', 'u', 's', 'e', 'r', 'I', 'd', '"', ':', '"', 'u', (byte) 0xc1, (byte) 0xa1, '"', '}'};
        Reply reply = send(request(api("/auth/tokens")).header("X-API-Key", key).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(overlong)));
        assertError(reply, 400, "MALFORMED_JSON");
    }

    @Test
    void refusesTwoApiKeyHeadersWhicheverTheyHold() {
        String key = apiKey();
        for (String second : new String[] {key, "ck_other_0123456789abcdef0123456789abcdef"}) {
            Reply reply = send(request(api("/auth/tokens")).header("X-API-Key", key).header("X-API-Key", second)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"u\"}")));
            assertError(reply, 401, "INVALID_API_KEY");
        }
    }

    @Test
    void acceptsAUserIdOfExactly255CharactersAndUnicode() {
        String key = apiKey();
        for (String id : new String[] {"x".repeat(255), "\u00e9l\u00e8ve-\u6f22\u5b57", "a b.c@d;e+f"}) {
            Reply reply = issue("/auth/tokens", key, "application/json",
                    "{\"userId\":\"" + id + "\"}");
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(reply.json().get("user").get("id").asText()).isEqualTo(id);
            assertThat(payload(text(reply.json(), "accessToken")).get("user_id").asText()).isEqualTo(id);
        }
    }

    @Test
    void acceptsOnlyTheWholeKeyInItsExactCase() {
        String key = apiKey();
        String[] near = {key + "x", key.substring(0, key.length() - 1), " " + key + "x", key.toUpperCase(java.util.Locale.ROOT)
                .equals(key) ? key.toLowerCase(java.util.Locale.ROOT) : key.toUpperCase(java.util.Locale.ROOT), key + "," + key};
        for (String wrong : near) {
            Reply reply = issue("/auth/tokens", wrong, "application/json", "{\"userId\":\"u\"}");
            assertError(reply, 401, "INVALID_API_KEY");
            assertThat(reply.response.body()).doesNotContain(key);
        }
    }

    @Test
    void issuesASessionThatRefreshesAndValidatesLikeALogin() {
        String key = apiKey();
        Reply issued = issue("/tokens", key, "application/json; charset=utf-8", "{\"userId\":\"tck-u2\",\"name\":\"Two\"}");
        assertThat(issued.status()).as(issued.toString()).isEqualTo(200);

        Reply refreshed = refresh(api("/tokens/refresh"), text(issued.json(), "refreshToken"));
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        assertThat(refreshed.header("Cache-Control")).isEqualTo("no-store");
        assertThat(refreshed.json().get("user").get("name").asText()).isEqualTo("Two");
        assertThat(sid(refreshed.json())).isEqualTo(sid(issued.json()));
        Reply valid = validate("/tokens/validate", text(refreshed.json(), "accessToken"));
        assertThat(valid.status()).as(valid.toString()).isEqualTo(200);
        assertThat(valid.json().get("payload").get("userId").asText()).isEqualTo("tck-u2");
    }
}
