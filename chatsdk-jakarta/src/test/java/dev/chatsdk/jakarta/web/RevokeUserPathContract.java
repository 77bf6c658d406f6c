package dev.chatsdk.jakarta.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.TestUsers;
import dev.chatsdk.testsupport.Http;

/**
 * {@code POST /chatsdk/api/users/{userId}/revoke-tokens} over real HTTP on each embedded container: every id the
 * module issues can be revoked by its percent-encoded form, which revokes exactly that user; a path the container
 * reads as another user's ({@code victim;x}, dot segments) revokes no one; an id no path could name is refused at
 * issue. A subclass starts a server with {@link #CONFIG} at {@link #http()} and names the paths its container
 * refuses itself, before the module sees them.
 */
public abstract class RevokeUserPathContract {
    protected static final TestConfig CONFIG = new TestConfig();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @return the client aimed at the deployment's context root */
    protected abstract Http http();

    /** @return the raw paths this container answers with its own 400 (HTML), never reaching the module */
    protected abstract List<String> refusedByTheContainer();

    /** @return the configuration as MicroProfile Config properties, for a webapp */
    protected static Map<String, String> properties() {
        Map<String, String> p = new java.util.LinkedHashMap<>(CONFIG.properties());
        p.putIfAbsent(ChatSdkConfig.Keys.ROLES_ALLOWED, TestUsers.CHAT_ROLE);
        return p;
    }

    /**
     * The awkward ids the rules allow, each with the path segment naming it (percent-encoded, or as a client may send
     * it) and the id a wrong reading of that segment would name instead (no bystander is another case's id).
     */
    static Stream<Arguments> awkwardIds() {
        return Stream.of(
                Arguments.of("a;b", encode("a;b"), "a"),
                Arguments.of("a+b", "a+b", "a b"),
                Arguments.of("a b c", encode("a b c"), "a"),
                Arguments.of("\u00e4", "%c3%a4", "\u00c3\u00a4"),
                Arguments.of("a?b", encode("a?b"), "a"),
                Arguments.of("a#b", encode("a#b"), "a"),
                Arguments.of("...", "...", ".a"),
                Arguments.of("u\ud83d\ude00", encode("u\ud83d\ude00"), "u"),
                Arguments.of("q\"<x>{y}|`^[z]'!$&()*,=@~", encode("q\"<x>{y}|`^[z]'!$&()*,=@~"), "q"),
                Arguments.of("r!$&'()*,=@~", "r!$&'()*,=@~", "r"),
                Arguments.of("\u5b57".repeat(254) + "1", encode("\u5b57".repeat(254) + "1"), "\u5b57".repeat(254) + "2"));
    }

    @ParameterizedTest
    @MethodSource("awkwardIds")
    void revokesExactlyTheUserItsPercentEncodedPathNames(String id, String segment, String bystander) throws Exception {
        String victim = refreshToken(issue(id));
        String other = refreshToken(issue(bystander));

        Http.Reply reply = revoke(segment);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().get("userId").asText()).isEqualTo(id);
        assertThat(reply.json().get("revokedSessions").asInt()).isEqualTo(1);
        assertError(refresh(victim), 401, "SESSION_REVOKED", "The refresh token's session was revoked.");
        assertThat(refresh(other).status()).as("the bystander's session").isEqualTo(200);
    }

    /** Paths that the container's decoded reading turns into {@code victim}'s (or that hide a segment). */
    static Stream<Arguments> pathTricks() {
        String params = "The revoke-tokens path carries a ';' parameter, which servlet containers strip before reading "
                + "the path; percent-encode a ';' of the user id as %3B.";
        String dots = "The revoke-tokens path has a '.' or '..' segment; name the user as one segment of the path, "
                + "percent-encoded.";
        String empty = "The revoke-tokens path has an empty segment; name the user as one segment of the path, "
                + "percent-encoded.";
        return Stream.of(
                Arguments.of("/chatsdk/api/users/victim;x/revoke-tokens", params),
                Arguments.of("/chatsdk/api/users/victim;/revoke-tokens", params),
                Arguments.of("/chatsdk/api/users/victim/revoke-tokens;x", params),
                Arguments.of("/chatsdk;x/api/users/victim/revoke-tokens", params),
                Arguments.of("/chatsdk/api/users/x/../victim/revoke-tokens", dots),
                Arguments.of("/chatsdk/api/users/victim/./revoke-tokens", dots),
                Arguments.of("/chatsdk/api/users/./victim/revoke-tokens", dots),
                Arguments.of("/chatsdk/api/users/%2e%2e/users/victim/revoke-tokens", dots),
                Arguments.of("/chatsdk/api/users/./revoke-tokens", dots),
                Arguments.of("/chatsdk/api/users/../revoke-tokens", dots),
                Arguments.of("/chatsdk/api/users/%2e%2e/revoke-tokens", dots),
                Arguments.of("/chatsdk/api/users/victim//revoke-tokens", empty));
    }

    @ParameterizedTest
    @MethodSource("pathTricks")
    void aPathThatReadsAsAnotherUsersRevokesNoOne(String path, String message) throws Exception {
        String victim = refreshToken(issue("victim"));

        Http.Reply reply = http().call("POST", path).header("X-API-Key", CONFIG.apiKey).send();

        if (refusedByTheContainer().contains(path)) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        } else {
            assertError(reply, 400, "INVALID_REQUEST", message);
        }
        assertThat(refresh(victim).status()).as("victim's session").isEqualTo(200);
    }

    @Test
    void refusesIdsBreakingTheRulesAfterTheApiKeyAndAnswersOtherMethodsWith405() throws Exception {
        assertError(revoke("a%3Ab"), 400, "INVALID_USER_ID",
                "The user id contains ':', which separates the app id from the user id in 'sub'.");
        assertError(http().call("POST", "/chatsdk/api/users/a%3Ab/revoke-tokens").send(), 401, "MISSING_API_KEY",
                "The X-API-Key header is missing.");
        Http.Reply get = http().call("GET", "/chatsdk/api/users/a%3Bb/revoke-tokens").send();
        assertError(get, 405, "METHOD_NOT_ALLOWED", "Method GET is not allowed here; use POST.");
    }

    static Stream<Arguments> unaddressableIds() {
        String container = "which servlet containers refuse in a request path even percent-encoded, so the "
                + "revoke-tokens endpoint could not name the user.";
        String dot = "a dot segment, which no request path can carry, so the revoke-tokens endpoint could not name the "
                + "user.";
        return Stream.of(
                Arguments.of("a/b", "The user id contains '/', " + container),
                Arguments.of("victim/", "The user id contains '/', " + container),
                Arguments.of("a\\b", "The user id contains '\\', " + container),
                Arguments.of("a%b", "The user id contains '%', " + container),
                Arguments.of("%2e%2e", "The user id contains '%', " + container),
                Arguments.of(".", "The user id is '.', " + dot),
                Arguments.of("..", "The user id is '..', " + dot));
    }

    @ParameterizedTest
    @MethodSource("unaddressableIds")
    void refusesAtIssueAnIdNoRevokePathCouldName(String id, String message) throws Exception {
        Http.Reply reply = http().call("POST", "/chatsdk/auth/tokens").header("X-API-Key", CONFIG.apiKey)
                .json(JSON.writeValueAsString(Map.of("userId", id))).send();

        assertError(reply, 400, "INVALID_USER_ID", message);
    }

    private JsonNode issue(String id) throws Exception {
        Http.Reply reply = http().call("POST", "/chatsdk/auth/tokens").header("X-API-Key", CONFIG.apiKey)
                .json(JSON.writeValueAsString(Map.of("userId", id))).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private static String refreshToken(JsonNode tokens) {
        return tokens.get("refreshToken").asText();
    }

    private Http.Reply refresh(String refreshToken) {
        return http().call("POST", "/chatsdk/auth/refresh").header("Authorization", "Bearer " + refreshToken).send();
    }

    private Http.Reply revoke(String encodedId) {
        return http().call("POST", "/chatsdk/api/users/" + encodedId + "/revoke-tokens")
                .header("X-API-Key", CONFIG.apiKey).send();
    }

    /** Percent-encodes every byte of the UTF-8 form but the unreserved characters of RFC 3986. */
    static String encode(String id) {
        StringBuilder out = new StringBuilder();
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static void assertError(Http.Reply reply, int status, String code, String message) {
        TokenEndpointContract.assertError(reply, status, code, message);
    }
}
