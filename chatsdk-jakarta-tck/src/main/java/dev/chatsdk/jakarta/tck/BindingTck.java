package dev.chatsdk.jakarta.tck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * CONTRACT §3, §4: a session belongs to one user of one app. A token signed with the target's own key (so only the
 * binding rule can refuse it) that names another user or another {@code app_id} on a real session is refused with
 * 401, and the real session still refreshes afterwards. Needs the target's signing key.
 */
@Tag(TckTags.BINDING)
public class BindingTck extends TckHttp {
    private static final String OTHER_USER = "tck-mallory";
    private static final String OTHER_APP = "00000000-0000-4000-8000-00000000bad0";

    private static String otherUser(String token) {
        return forge(token, claims -> {
            claims.put("user_id", OTHER_USER);
            claims.put("sub", claims.get("app_id").asText() + ":" + OTHER_USER);
        });
    }

    private static String otherApp(String token) {
        return forge(token, claims -> {
            claims.put("app_id", OTHER_APP);
            claims.put("sub", OTHER_APP + ":" + claims.get("user_id").asText());
        });
    }

    private static void stillRefreshes(JsonNode tokens) {
        Reply reply = refresh(api("/auth/refresh"), text(tokens, "refreshToken"));
        assertThat(reply.status()).as("the real session after the forged attempt: " + reply).isEqualTo(200);
        assertThat(sid(reply.json())).isEqualTo(sid(tokens));
        assertThat(reply.json().get("user").get("id").asText()).isEqualTo(allowedUserName());
    }

    @Test
    void refusesARefreshTokenNamingAnotherUserOnTheSession() {
        JsonNode tokens = login();
        String forged = otherUser(text(tokens, "refreshToken"));

        assertError(refresh(api("/auth/refresh"), forged), 401, "INVALID_REFRESH_TOKEN");
        stillRefreshes(tokens);
    }

    @Test
    void refusesARefreshTokenNamingAnotherApp() {
        JsonNode tokens = login();
        String forged = otherApp(text(tokens, "refreshToken"));

        assertError(refresh(api("/auth/refresh"), forged), 401, "INVALID_REFRESH_TOKEN");
        stillRefreshes(tokens);
    }

    @Test
    void refusesAnAccessTokenNamingAnotherUserOrAppOnValidate() {
        JsonNode tokens = login();
        String access = text(tokens, "accessToken");

        assertError(validate("/tokens/validate", otherUser(access)), 401, "INVALID_TOKEN");
        assertError(validate("/tokens/validate", otherApp(access)), 401, "INVALID_TOKEN");
        Reply real = validate("/tokens/validate", access);
        assertThat(real.status()).as(real.toString()).isEqualTo(200);
        assertThat(real.json().get("payload").get("userId").asText()).isEqualTo(allowedUserName());
    }

    @Test
    void doesNotLogOutASessionWithATokenNamingAnotherUser() {
        JsonNode tokens = login();
        Reply logout = logout(otherUser(text(tokens, "refreshToken")));

        // RFC 7009: 200 for any token, and revoked:false for one that names no session of its user
        assertThat(logout.status()).as(logout.toString()).isEqualTo(200);
        assertThat(logout.json().get("revoked").asBoolean()).as("a forged logout revokes nothing").isFalse();
        stillRefreshes(tokens);
    }
}
