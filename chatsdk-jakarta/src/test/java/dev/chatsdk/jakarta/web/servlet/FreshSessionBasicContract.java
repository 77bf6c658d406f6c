package dev.chatsdk.jakarta.web.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.TestUsers;
import dev.chatsdk.testsupport.Http;

/**
 * A BASIC-authenticated {@code POST} to the token endpoint carrying the cookie of an HTTP session that no logged-in
 * request has touched yet (the application started it, say on an anonymous page, or the session's first request was
 * the login itself): the endpoint answers it properly, 200 with tokens, and as the same user's BASIC request created that
 * session, the chat session is tied to it and the application's logout ends it. A session another user's request
 * created is not: that user's logout leaves the chat session alone. Without a cookie no HTTP session is created.
 * Subclasses deploy {@code /app} (BASIC, {@code logout-ends} default) on one server.
 */
abstract class FreshSessionBasicContract {
    protected static final TestConfig CONFIG = new TestConfig();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @return the webapp's base URL, such as {@code http://127.0.0.1:8080/app} */
    protected abstract String url(String contextPath);

    private static TestWebapp webapp() {
        Map<String, String> properties = new LinkedHashMap<>(CONFIG.properties());
        properties.put(ChatSdkConfig.Keys.ROLES_ALLOWED, TestUsers.CHAT_ROLE);
        return TestWebapp.with(properties).servlet(SessionServlet.class, "/api/session/*");
    }

    protected static Path webapp(Path dir) {
        return webapp().write(dir);
    }

    /** The webapp of {@code /jaxrs}: a JAX-RS application at the context root answers the token endpoint. */
    protected static Path jaxRsWebapp(Path dir) {
        return webapp().jersey(TestRestApplication.class, "/*").write(dir);
    }

    private static String basic() {
        return Http.basic(TestUsers.ALICE, TestUsers.ALICE_PASSWORD);
    }

    @Test
    void theTokenEndpointAnswersTheFirstLoggedInRequestOfASession() throws Exception {
        answersInAFreshSession("/app");
    }

    @Test
    void theJaxRsResourceAnswersItToo() throws Exception {
        answersInAFreshSession("/jaxrs");
    }

    private void answersInAFreshSession(String app) throws Exception {
        CookieBrowser browser = new CookieBrowser(url(app));
        // the session's first request: the application starts it; no later logged-in request touched it
        assertThat(browser.send("POST", "/api/session/start", basic()).body()).isEqualTo("started");

        HttpResponse<String> reply = browser.send("POST", "/api/chat/token", basic());

        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        String refresh = JSON.readTree(reply.body()).get("refreshToken").asText();
        assertThat(browser.send("GET", "/api/session/check", basic()).body()).isEqualTo("live");
        assertThat(browser.send("POST", "/api/session/logout", basic()).body()).isEqualTo("ended");
        assertThat(reply.headers().firstValue("Set-Cookie")).as("a renewed session id")
                .hasValueSatisfying(cookie -> assertThat(cookie).startsWith("JSESSIONID="));
        assertThat(CookieBrowser.refresh(url(app), refresh)).isEqualTo("401 SESSION_REVOKED");
    }

    @Test
    void aRequestWithItsOwnCredentialsIsNotTiedToAnotherUsersSession() throws Exception {
        CookieBrowser planted = new CookieBrowser(url("/app"));
        String bob = Http.basic(TestUsers.BOB, TestUsers.BOB_PASSWORD);
        assertThat(planted.send("POST", "/api/session/start", bob).body()).isEqualTo("started");

        // alice's client carries bob's session cookie (planted by someone) and her own credentials
        HttpResponse<String> reply = planted.send("POST", "/api/chat/token", basic());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        String refresh = JSON.readTree(reply.body()).get("refreshToken").asText();
        assertThat(planted.send("POST", "/api/session/logout", bob).body()).isEqualTo("ended");

        assertThat(CookieBrowser.refresh(url("/app"), refresh)).startsWith("200 ");
    }

    @Test
    void aBasicChatLoginWithoutACookieCreatesNoHttpSession() throws Exception {
        HttpResponse<String> reply = new CookieBrowser(url("/app")).send("POST", "/api/chat/token", basic());

        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        assertThat(reply.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.toUpperCase().startsWith("JSESSIONID"));
    }
}
