package dev.chatsdk.jakarta.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.JsonNode;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.TestUsers;
import dev.chatsdk.jakarta.config.IdentityConfig;
import dev.chatsdk.jakarta.config.RemoteConfig;
import dev.chatsdk.jakarta.web.servlet.ChatNode;
import dev.chatsdk.testsupport.Http;

/**
 * The remote issuer against a faithful ChatSDK token API: a second embedded server running the module in
 * local mode, whose {@code /chatsdk/api/auth/connect}, refresh and logout speak the API's dialect.
 */
class RemoteIssuerIT {
    private static final TestConfig UPSTREAM = new TestConfig();
    private static ChatNode upstream;
    private static ChatNode app;
    private static ChatNode appWithoutLogout;

    @BeforeAll
    static void start() throws Exception {
        upstream = ChatNode.start(ChatSdk.create(UPSTREAM.builder().build()));
        app = ChatNode.start(ChatSdk.create(remote().set(RemoteConfig.LOGOUT_PATH, "/auth/logout").build()));
        appWithoutLogout = ChatNode.start(ChatSdk.create(remote().build()));
    }

    static ChatSdkConfig.Builder remote() {
        return ChatSdkConfig.builder().set(RemoteConfig.API_URL, upstream.http().baseUrl() + "/chatsdk")
                .set(RemoteConfig.API_KEY, UPSTREAM.apiKey)
                .set(IdentityConfig.ROLES_ALLOWED, List.copyOf(Set.of(TestUsers.CHAT_ROLE)));
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        appWithoutLogout.close();
        upstream.close();
    }

    private static DecodedJWT verify(String token, String secret) {
        return JWT.require(Algorithm.HMAC256(secret.getBytes(StandardCharsets.UTF_8))).build().verify(token);
    }

    @Test
    void relaysTheApisTokensForTheApplicationsUser() {
        assertThat(app.sdk().issuer()).isInstanceOf(RemoteTokenIssuer.class);
        JsonNode body = app.loginAlice();

        DecodedJWT access = verify(body.get("accessToken").asText(), UPSTREAM.secret);
        assertThat(access.getClaim("user_id").asString()).isEqualTo(TestUsers.ALICE);
        assertThat(access.getClaim("custom").asMap()).isEqualTo(TestUsers.ALICE_CUSTOM);
        verify(body.get("wsToken").asText(), UPSTREAM.wsSecret);
        assertThat(body.get("token").asText()).isEqualTo(body.get("accessToken").asText());
        assertThat(body.get("expiresIn").asLong()).isEqualTo(3600);
        assertThat(body.get("user").get("name").asText()).isEqualTo(TestUsers.ALICE_NAME);
        assertThat(body.get("user").get("avatar").asText()).isEqualTo(TestUsers.ALICE_AVATAR);
        assertThat(body.get("user").get("custom").get("role").asText()).isEqualTo("admin");
    }

    @Test
    void forwardsRefreshAndLogoutSoBrowsersOnlyTalkToTheApplication() {
        JsonNode login = app.loginAlice();
        String sid = JWT.decode(login.get("accessToken").asText()).getClaim("sid").asString();
        // the API's refresh token has its own audience and no scopes: relayed as it is, and it still refreshes
        DecodedJWT relayed = JWT.decode(login.get("refreshToken").asText());
        assertThat(relayed.getAudience()).containsExactly("chatsdk-client:refresh");
        assertThat(relayed.getClaim("scopes").isMissing()).isTrue();

        Http.Reply refreshed = app.refresh(login.get("refreshToken").asText());
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        assertThat(JWT.decode(refreshed.json().get("accessToken").asText()).getClaim("sid").asString()).isEqualTo(sid);
        String latest = refreshed.json().get("refreshToken").asText();

        Http.Reply logout = app.http().call("POST", "/chatsdk/auth/logout").header("Authorization", "Bearer " + latest)
                .send();
        assertThat(logout.json().get("revoked").asBoolean()).isTrue();
        Http.Reply after = app.refresh(latest);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.json().get("error").get("code").asText()).isEqualTo("SESSION_REVOKED");
    }

    @Test
    void saysWhenTheApiCannotEndASession() {
        String token = appWithoutLogout.loginAlice().get("refreshToken").asText();

        Http.Reply logout = appWithoutLogout.http().call("POST", "/chatsdk/auth/logout")
                .header("Authorization", "Bearer " + token).send();

        assertThat(logout.status()).isEqualTo(200);
        assertThat(logout.json().get("revoked").asBoolean()).isFalse();
        assertThat(logout.json().get("reason").asText()).startsWith("The ChatSDK API has no per-session logout");
        assertThat(appWithoutLogout.refresh(token).status()).isEqualTo(200);
    }

    @Test
    void neverBecomesAProxyCarryingTheKey() {
        for (String path : List.of("/chatsdk/auth/tokens", "/chatsdk/api/auth/connect", "/chatsdk/tokens",
                "/chatsdk/api/users/alice/revoke-tokens")) {
            Http.Reply reply = app.http().call("POST", path).header("X-API-Key", UPSTREAM.apiKey)
                    .json("{\"userId\":\"mallory\"}").send();
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.json().get("error").get("code").asText()).isEqualTo("TOKEN_API_DISABLED");
        }
        assertThat(app.http().call("GET", "/chatsdk/tokens/validate").header("Authorization", "Bearer x").send().json()
                .get("error").get("code").asText()).isEqualTo("TOKEN_API_DISABLED");
    }

    @Test
    void reportsWhetherTheApiIsReachable() {
        assertThat(app.sdk().checkUpstream()).isEmpty();
        assertThat(upstream.sdk().checkUpstream()).isEmpty();
    }
}
