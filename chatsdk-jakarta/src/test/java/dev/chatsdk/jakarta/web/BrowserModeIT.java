package dev.chatsdk.jakarta.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.TestUsers;
import dev.chatsdk.jakarta.config.WebConfig;
import dev.chatsdk.jakarta.web.servlet.ChatNode;
import dev.chatsdk.testsupport.Http;

/** Browser mode over real HTTP: the refresh token in a __Host- cookie, its CSRF defence, and CORS. */
class BrowserModeIT {
    private static final String APP = "https://app.example.com";
    private final TestConfig test = new TestConfig();
    private ChatNode node;

    private ChatNode start(ChatSdkConfig.Builder config) throws Exception {
        node = ChatNode.start(ChatSdk.create(config.build()));
        return node;
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    private static String cookie(Http.Reply reply) {
        String setCookie = reply.header("Set-Cookie");
        assertThat(setCookie).as(reply.toString()).isNotNull();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private Http.Call refresh(String cookie) {
        return node.http().call("POST", "/chatsdk/auth/refresh").header("Cookie", "theme=dark; " + cookie);
    }

    @Test
    void keepsTheRefreshTokenInAHostOnlyHttpOnlyCookie() throws Exception {
        start(test.builder().set(WebConfig.REFRESH_COOKIE, true)
                .set(WebConfig.Cors.ALLOWED_ORIGINS, List.copyOf(Set.of(APP))));

        Http.Reply login = node.http().call("POST", "/api/chat/token").as(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).send();

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().has("refreshToken")).isFalse();
        assertThat(login.json().get("accessToken").asText()).isNotBlank();
        assertThat(login.header("Set-Cookie")).startsWith("__Host-chatsdk-refresh=ey")
                .endsWith("; Path=/; Max-Age=604800; Secure; HttpOnly; SameSite=Strict");

        Http.Reply refreshed = refresh(cookie(login)).header("Sec-Fetch-Site", "same-origin").send();
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        assertThat(cookie(refreshed)).isNotEqualTo(cookie(login));

        Http.Reply logout = node.http().call("POST", "/chatsdk/auth/logout").header("Cookie", cookie(refreshed))
                .header("Sec-Fetch-Site", "same-origin").send();
        assertThat(logout.json().get("revoked").asBoolean()).isTrue();
        assertThat(logout.header("Set-Cookie")).isEqualTo("__Host-chatsdk-refresh=; Path=/; Max-Age=0; Secure; "
                + "HttpOnly; SameSite=Strict");
    }

    @Test
    void refusesTheCookieFromAnotherSiteButNotFromAnAllowedOrigin() throws Exception {
        start(test.builder().set(WebConfig.REFRESH_COOKIE, true)
                .set(WebConfig.Cors.ALLOWED_ORIGINS, List.copyOf(Set.of(APP))));
        String cookie = cookie(node.http().call("POST", "/api/chat/token").as(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).send());

        Http.Reply forged = refresh(cookie).header("Origin", "https://evil.example").header("Sec-Fetch-Site", "cross-site").send();
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.json().get("error").get("message").asText())
                .isEqualTo("The refresh cookie came with a request from another site, which is not allowed to use it.");
        assertThat(forged.header("Access-Control-Allow-Origin")).isNull();

        Http.Reply allowed = refresh(cookie).header("Origin", APP).header("Sec-Fetch-Site", "same-site").send();
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(allowed.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(allowed.header("Vary")).isEqualTo("Origin");
    }

    @Test
    void letsTheOriginDecideWhenSecFetchSiteIsMissing() throws Exception {
        start(test.builder().set(WebConfig.REFRESH_COOKIE, true)
                .set(WebConfig.Cors.ALLOWED_ORIGINS, List.copyOf(Set.of(APP))));
        String cookie = cookie(node.http().call("POST", "/api/chat/token").as(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).send());
        // the browser addressed the Host this client sends (127.0.0.1:port) over https, TLS ending at a proxy
        String own = node.http().baseUrl().replace("http://", "https://");

        Http.Reply forged = refresh(cookie).header("Origin", "https://evil.example").send();
        assertThat(forged.status()).as(forged.toString()).isEqualTo(401);
        assertThat(forged.json().get("error").get("code").asText()).isEqualTo("INVALID_REFRESH_TOKEN");
        assertThat(forged.json().get("error").get("message").asText())
                .isEqualTo("The refresh cookie came with a request from another site, which is not allowed to use it.");
        assertThat(forged.header("Set-Cookie")).as("nothing spent, nothing set").isNull();
        Http.Reply opaque = refresh(cookie).header("Origin", "null").send();
        assertThat(opaque.status()).as(opaque.toString()).isEqualTo(401);
        assertThat(opaque.json().get("error").get("code").asText()).isEqualTo("INVALID_REFRESH_TOKEN");

        Http.Reply sameOrigin = refresh(cookie).header("Origin", own).send();
        assertThat(sameOrigin.status()).as(sameOrigin.toString()).isEqualTo(200);
        assertThat(sameOrigin.header("Access-Control-Allow-Origin")).as("same-origin needs no CORS").isNull();

        Http.Reply allowed = refresh(cookie(sameOrigin)).header("Origin", APP).send();
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(cookie(allowed)).isNotEqualTo(cookie(sameOrigin));
    }

    @Test
    void answersPreflightsForAllowedOriginsOnly() throws Exception {
        start(test.builder().set(WebConfig.Cors.ALLOWED_ORIGINS, List.copyOf(Set.of(APP))));

        Http.Reply allowed = node.http().call("OPTIONS", "/chatsdk/auth/refresh").header("Origin", APP)
                .header("Access-Control-Request-Method", "POST").send();
        Http.Reply other = node.http().call("OPTIONS", "/chatsdk/auth/refresh").header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").send();

        assertThat(allowed.status()).isEqualTo(204);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(allowed.header("Access-Control-Allow-Methods")).isEqualTo("GET, POST");
        assertThat(allowed.header("Access-Control-Allow-Headers")).isEqualTo("Authorization, Content-Type, X-Request-ID")
                .doesNotContain("X-API-Key");
        assertThat(allowed.header("Access-Control-Allow-Credentials")).isNull();
        assertThat(other.status()).isEqualTo(204);
        assertThat(other.header("Access-Control-Allow-Origin")).isNull();
    }
}
