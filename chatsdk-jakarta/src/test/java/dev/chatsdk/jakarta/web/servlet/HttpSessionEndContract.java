package dev.chatsdk.jakarta.web.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;


import dev.chatsdk.jakarta.Await;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.TestUsers;
import dev.chatsdk.jakarta.web.ChatResponse;

/**
 * The application's logout ends the chat sessions of that login, over real HTTP in a servlet container: a browser
 * with a cookie jar logs in to a page of the application (which starts the HTTP session and keeps the login in it),
 * gets chat tokens within it with its cookie alone, and the application's own servlet logs out and invalidates it.
 * Idle expiry keeps them by default ({@code /app}) and ends them where configured ({@code /expiry},
 * {@code chatsdk.web.expiry-ends=sessions}); in {@code /jaxrs} the JAX-RS resource issues the tokens. Subclasses
 * deploy the three webapps on one server whose session reaper runs every second.
 */
abstract class HttpSessionEndContract {
    protected static final TestConfig CONFIG = new TestConfig();

    /** @return the webapp's base URL, such as {@code http://127.0.0.1:8080/app} */
    protected abstract String url(String contextPath);

    /** Writes the webapp deployed at {@code contextPath} with these extra properties. */
    protected static Path webapp(Path dir, Map<String, String> extra) {
        return webapp(extra).write(dir);
    }

    /** Writes the webapp of {@code /jaxrs}: a JAX-RS application at the context root answers the token endpoint. */
    protected static Path jaxRsWebapp(Path dir) {
        return webapp(Map.of()).jersey(TestRestApplication.class, "/*").write(dir);
    }

    private static TestWebapp webapp(Map<String, String> extra) {
        Map<String, String> properties = new java.util.LinkedHashMap<>(CONFIG.properties());
        properties.put(ChatSdkConfig.Keys.ROLES_ALLOWED, TestUsers.CHAT_ROLE);
        properties.putAll(extra);
        return TestWebapp.with(properties).filter(SessionLoginFilter.class, "/*").servlet(SessionServlet.class, "/api/session/*");
    }

    private String refresh(String contextPath, String refreshToken) {
        return CookieBrowser.refresh(url(contextPath), refreshToken);
    }

    private static String next(String refreshed) {
        return CookieBrowser.next(refreshed);
    }

    @Test
    void theApplicationsLogoutRevokesTheChatSessionsOfThatLoginAndNoOther() throws Exception {
        CookieBrowser browser = new CookieBrowser(url("/app"));
        browser.login("");
        String first = browser.chatLogin();
        String second = next(refresh("/app", browser.chatLogin()));
        String rotated = next(refresh("/app", first));
        CookieBrowser otherDevice = new CookieBrowser(url("/app"));
        otherDevice.login("");
        String other = otherDevice.chatLogin();

        assertThat(browser.body("POST", "/api/session/logout")).isEqualTo("ended");

        assertThat(refresh("/app", rotated)).isEqualTo("401 SESSION_REVOKED");
        assertThat(refresh("/app", second)).isEqualTo("401 SESSION_REVOKED");
        assertThat(refresh("/app", other)).startsWith("200 ");
    }

    @Test
    void theLogoutAlsoRevokesWhenTheJaxRsResourceIssuedTheTokens() throws Exception {
        CookieBrowser browser = new CookieBrowser(url("/jaxrs"));
        browser.login("");
        HttpResponse<String> tokens = browser.send("POST", "/api/chat/token", null);
        assertThat(tokens.headers().firstValue(ChatResponse.HANDLER_HEADER)).hasValue("jaxrs");
        String token = CookieBrowser.JSON.readTree(tokens.body()).get("refreshToken").asText();

        browser.body("POST", "/api/session/logout");

        assertThat(refresh("/jaxrs", token)).isEqualTo("401 SESSION_REVOKED");
    }

    @Test
    void anIdleExpiryKeepsTheChatSessionByDefault() throws Exception {
        CookieBrowser browser = new CookieBrowser(url("/app"));
        browser.login("?idle=1");
        String token = browser.chatLogin();

        // idle past its maximum inactive interval (any poll would keep it alive): the request that brings the expired
        // session's cookie expires it on the request thread, or finds it reaped already
        Thread.sleep(1_500);
        assertThat(browser.body("GET", "/api/session/check")).isEqualTo("none");

        assertThat(refresh("/app", token)).startsWith("200 ");
    }

    @Test
    void anIdleExpiryRevokesTheChatSessionWhereConfigured() throws Exception {
        CookieBrowser browser = new CookieBrowser(url("/expiry"));
        browser.login("?idle=1");
        String first = browser.chatLogin();
        String live = new CookieBrowser(url("/expiry")).basicChatLogin();

        // no request brings the cookie again: the container's reaper ends the session
        String[] token = {first};
        String[] answer = new String[1];
        Await.until("the reaper revoked the chat session", Duration.ofSeconds(30), () -> {
            answer[0] = refresh("/expiry", token[0]);
            if (answer[0].startsWith("200 ")) {
                token[0] = next(answer[0]);
                return false;
            }
            return true;
        });
        assertThat(answer[0]).isEqualTo("401 SESSION_REVOKED");
        assertThat(refresh("/expiry", live)).startsWith("200 ");
    }

    @Test
    void theSessionsLoginCountsOnlyForTheApplicationsOwnPages() throws Exception {
        CookieBrowser browser = new CookieBrowser(url("/app"));
        browser.login("");

        for (String[] page : new String[][] {{"Sec-Fetch-Site", "same-site"}, {"Sec-Fetch-Site", "cross-site"},
            {"Origin", "http://127.0.0.1:1"}, {"Origin", "null"}}) {
            HttpResponse<String> refused = browser.chatLoginWith(page[0], page[1]);
            assertThat(refused.statusCode()).as(String.join(": ", page)).isEqualTo(401);
            assertThat(CookieBrowser.JSON.readTree(refused.body()).path("error").path("code").asText()).isEqualTo("UNAUTHENTICATED");
        }
        assertThat(browser.chatLoginWith("Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(200);
        // BASIC credentials a browser remembers are sent with any page's request too
        HttpResponse<String> basic = new CookieBrowser(url("/app")).send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(url("/app") + "/api/chat/token")).header("Sec-Fetch-Site", "same-site")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()), dev.chatsdk.testsupport.Http.basic(TestUsers.ALICE,
                TestUsers.ALICE_PASSWORD));
        assertThat(basic.statusCode()).as(basic.body()).isEqualTo(401);
    }
}
