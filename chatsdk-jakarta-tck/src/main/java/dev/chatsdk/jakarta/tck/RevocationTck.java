package dev.chatsdk.jakarta.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** CONTRACT §1, §4: logout (RFC 7009), user-wide revocation and validation. */
@Tag(TckTags.REVOCATION)
public class RevocationTck extends TckHttp {
    private static Reply validate(String path, String token) {
        return send(request(api(path)).header("Authorization", "Bearer " + token).GET());
    }

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
}
