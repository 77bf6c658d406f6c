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

    /**
     * Ids a store could read as the real ones: a database's collation may ignore case (MariaDB's default does), a
     * database refuses a NUL. This server only signs the user's exact id and a lower-case session id, so each is
     * refused (401, not the database's 400) and revokes nothing.
     */
    @Test
    void refusesARefreshTokenNamingTheUserOrSessionAsADatabaseMightReadIt() {
        JsonNode tokens = login();
        String token = text(tokens, "refreshToken");
        String user = allowedUserName();
        String otherCase = user.chars().mapToObj(c -> String.valueOf((char) (Character.isUpperCase(c)
                ? Character.toLowerCase(c) : Character.toUpperCase(c)))).collect(java.util.stream.Collectors.joining());
        java.util.Map<String, java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode>> variants =
                new java.util.LinkedHashMap<>();
        for (String id : new String[] {otherCase, user + " ", user + "\0"}) {
            variants.put("user id " + com.fasterxml.jackson.databind.node.TextNode.valueOf(id), claims -> {
                claims.put("user_id", id);
                claims.put("sub", claims.get("app_id").asText() + ":" + id);
            });
        }
        variants.put("session id in upper case", claims -> claims.put("sid",
                claims.get("sid").asText().toUpperCase(java.util.Locale.ROOT)));
        variants.put("session id with a NUL", claims -> claims.put("sid", claims.get("sid").asText() + "\0"));
        for (java.util.Map.Entry<String, java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode>>
                variant : variants.entrySet()) {
            String forged = forge(token, variant.getValue());
            Reply reply = refresh(api("/auth/refresh"), forged);
            assertThat(reply.status()).as(variant.getKey() + ": " + reply).isEqualTo(401);
            assertThat(reply.json().get("error").get("code").asText()).as(variant.getKey())
                    .isEqualTo("INVALID_REFRESH_TOKEN");
            Reply logout = logout(forged);
            assertThat(logout.status()).as(variant.getKey() + ": " + logout).isEqualTo(200);
            assertThat(logout.json().get("revoked").asBoolean()).as(variant.getKey()).isFalse();
        }
        stillRefreshes(tokens);
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
