package dev.chatsdk.jakarta.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** docs/http-api.md#logout, #revoking-a-user, #validate: logout (RFC 7009), user-wide revocation and validation. */
@Tag(TckTags.REVOCATION)
public class RevocationTck extends TckHttp {
    @Test
    void logsOutOneSessionAndAnswersLikeRfc7009() {
        JsonNode kept = login();
        JsonNode ended = login();

        Reply logout = post(api("/auth/logout"), "{\"refreshToken\":\"" + ended.get("refreshToken").asText() + "\"}");
        assertThat(logout.status()).as(logout.toString()).isEqualTo(200);
        assertThat(logout.json().get("revoked").asBoolean()).isTrue();
        assertError(refresh(api("/auth/refresh"), ended.get("refreshToken").asText()), 401, "SESSION_REVOKED");
        assertThat(refresh(api("/auth/refresh"), kept.get("refreshToken").asText()).status()).isEqualTo(200);
        Reply unknown = send(request(api("/auth/revoke")).header("Authorization", "Bearer x.y.z")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.json().get("revoked").asBoolean()).isFalse();
    }

    @Test
    void validatesEachTokenOnItsOwnEndpointWithTheSessionsState() {
        JsonNode tokens = login();
        String access = tokens.get("accessToken").asText();

        Reply valid = validate("/tokens/validate", access);
        assertThat(valid.status()).as(valid.toString()).isEqualTo(200);
        assertThat(valid.json().get("valid").asBoolean()).isTrue();
        assertThat(valid.json().get("payload").get("userId").asText()).isEqualTo(allowedUserName());
        assertThat(validate("/tokens/validate-ws", tokens.get("wsToken").asText()).status()).isEqualTo(200);
        assertError(validate("/tokens/validate", tokens.get("wsToken").asText()), 401, "INVALID_TOKEN");
        assertError(validate("/tokens/validate-ws", access), 401, "INVALID_TOKEN");

        post(api("/auth/logout"), "{\"refreshToken\":\"" + tokens.get("refreshToken").asText() + "\"}");
        assertError(validate("/tokens/validate", access), 401, "SESSION_REVOKED");
    }

    @Test
    void revokesEverySessionOfAUserForAnApiCaller() {
        String key = apiKey();
        JsonNode one = login();
        JsonNode two = login();
        String user = allowedUserName();

        assertError(post(api("/api/users/" + user + "/revoke-tokens"), null), 401, "MISSING_API_KEY");
        Reply revoked = send(request(api("/api/users/" + user + "/revoke-tokens")).header("X-API-Key", key)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().get("revokedSessions").asInt()).isGreaterThanOrEqualTo(2);
        assertError(refresh(api("/auth/refresh"), one.get("refreshToken").asText()), 401, "SESSION_REVOKED");
        assertError(refresh(api("/auth/refresh"), two.get("refreshToken").asText()), 401, "SESSION_REVOKED");
    }

    @Test
    void revokesNoOneThroughAPathThatOnlyReadsAsTheUsers() {
        String key = apiKey();
        JsonNode tokens = login();
        String user = allowedUserName();

        // a container strips ';x' and resolves dot segments before the application sees the path: the module reads
        // the path as sent, so none of these may revoke the user (the container itself may refuse them first)
        for (String trick : new String[] {user + ";x", "x/../" + user, "./" + user, "%2e/" + user}) {
            Reply reply = send(request(api("/api/users/" + trick + "/revoke-tokens")).header("X-API-Key", key)
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(reply.status()).as(trick + ": " + reply).isBetween(400, 404);
            if ("application/json".equals(String.valueOf(reply.header("Content-Type")).split(";")[0])) {
                assertThat(reply.json().path("error").path("code").asText()).as(trick + ": " + reply)
                        .isIn("INVALID_REQUEST", "NOT_FOUND");
            }
        }
        Reply still = refresh(api("/auth/refresh"), tokens.get("refreshToken").asText());
        assertThat(still.status()).as("the user's session after the path tricks: " + still).isEqualTo(200);
    }

    @Test
    void answersSessionRevokedToEveryTokenOfALoggedOutSessionOnEveryAlias() {
        JsonNode tokens = login();
        Reply rotated = refresh(api("/auth/refresh"), text(tokens, "refreshToken"));
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String latest = text(rotated.json(), "refreshToken");

        Reply logout = send(request(api("/auth/revoke")).header("Authorization", "Bearer " + latest)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(logout.status()).as(logout.toString()).isEqualTo(200);
        assertThat(logout.json().get("revoked").asBoolean()).isTrue();
        for (String alias : new String[] {"/auth/refresh", "/api/auth/refresh", "/tokens/refresh"}) {
            assertError(refresh(api(alias), latest), 401, "SESSION_REVOKED");
        }
        assertError(validate("/tokens/validate-ws", text(rotated.json(), "wsToken")), 401, "SESSION_REVOKED");
        Reply again = logout(latest);
        assertThat(again.status()).as("a second logout is still RFC 7009's 200: " + again).isEqualTo(200);
    }

    @Test
    void revokesOneUsersSessionsAndNoOneElses() {
        String key = apiKey();
        String user = "tck-revoked-" + System.nanoTime();
        JsonNode first = issue(key, user);
        JsonNode second = issue(key, user);
        JsonNode other = issue(key, user + "-kept");

        Reply revoked = send(request(api("/api/users/" + user + "/revoke-tokens")).header("X-API-Key", key)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().get("userId").asText()).isEqualTo(user);
        assertThat(revoked.json().get("revokedSessions").asInt()).isEqualTo(2);
        assertError(refresh(api("/auth/refresh"), text(first, "refreshToken")), 401, "SESSION_REVOKED");
        assertError(validate("/tokens/validate", text(second, "accessToken")), 401, "SESSION_REVOKED");
        assertThat(refresh(api("/auth/refresh"), text(other, "refreshToken")).status()).isEqualTo(200);
        assertThat(validate("/tokens/validate", text(other, "accessToken")).status()).isEqualTo(200);
    }

    @Test
    void refusesRevokeTokensWithAWrongKeyAndCountsNothingForAnUnknownUser() {
        String key = apiKey();
        JsonNode tokens = issue(key, "tck-revoked-2");

        assertError(send(request(api("/api/users/tck-revoked-2/revoke-tokens")).header("X-API-Key", key + "x")
                .POST(HttpRequest.BodyPublishers.noBody())), 401, "INVALID_API_KEY");
        assertThat(refresh(api("/auth/refresh"), text(tokens, "refreshToken")).status()).isEqualTo(200);
        Reply unknown = send(request(api("/api/users/tck-nobody-" + System.nanoTime() + "/revoke-tokens"))
                .header("X-API-Key", key).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(200);
        assertThat(unknown.json().get("revokedSessions").asInt()).isZero();
    }

    @Test
    void validatesOnlyTheTokenTypeEachEndpointIsFor() {
        JsonNode tokens = login();
        String refreshToken = text(tokens, "refreshToken");

        assertError(validate("/tokens/validate", refreshToken), 401, "INVALID_TOKEN");
        assertError(validate("/tokens/validate-ws", refreshToken), 401, "INVALID_TOKEN");
        assertError(send(request(api("/tokens/validate")).GET()), 401, "INVALID_TOKEN");
        assertError(send(request(api("/tokens/validate-ws")).header("Authorization", "Token tck-not-a-bearer").GET()), 401,
                "INVALID_TOKEN");
        Reply ws = validate("/tokens/validate-ws", text(tokens, "wsToken"));
        assertThat(ws.status()).as(ws.toString()).isEqualTo(200);
        assertThat(ws.json().get("payload").get("sessionId").asText()).isEqualTo(sid(tokens));
    }

    @Test
    void keepsAnAccessTokenValidAfterARotationOfItsSession() {
        JsonNode tokens = login();
        Reply rotated = refresh(api("/auth/refresh"), text(tokens, "refreshToken"));
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);

        Reply old = validate("/tokens/validate", text(tokens, "accessToken"));
        assertThat(old.status()).as("an access token lives until it expires, rotations or not: " + old).isEqualTo(200);
        assertThat(old.json().get("payload").get("sessionId").asText()).isEqualTo(sid(tokens));
        assertThat(old.json().get("user").get("id").asText()).isEqualTo(allowedUserName());
    }

    private static JsonNode issue(String key, String userId) {
        Reply reply = send(request(api("/auth/tokens")).header("X-API-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"" + userId + "\"}")));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }
}
