package dev.chatsdk.jakarta.web.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chatsdk.jakarta.Await;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.TestUsers;
import dev.chatsdk.testsupport.Http;

/**
 * The application's logout ends the chat sessions of that login, over real HTTP in a servlet container: a browser
 * with a cookie jar logs in to a page of the application behind its login (which starts the HTTP session), gets chat
 * tokens within it, and the application's own servlet logs out and invalidates it. Idle expiry keeps them by default ({@code /app}) and ends them where configured
 * ({@code /expiry}, {@code chatsdk.web.expiry-ends=sessions}). Subclasses deploy both webapps on one server whose
 * session reaper runs every second.
 */
abstract class HttpSessionEndContract {
    protected static final TestConfig CONFIG = new TestConfig();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @return the webapp's base URL, such as {@code http://127.0.0.1:8080/app} */
    protected abstract String url(String contextPath);

    /** Writes the webapp deployed at {@code contextPath} with these extra properties. */
    protected static Path webapp(Path dir, Map<String, String> extra) {
        Map<String, String> properties = new java.util.LinkedHashMap<>(CONFIG.properties());
        properties.put(ChatSdkConfig.Keys.ROLES_ALLOWED, TestUsers.CHAT_ROLE);
        properties.putAll(extra);
        return TestWebapp.with(properties).servlet(SessionServlet.class, "/api/session/*").write(dir);
    }

    /** One browser: its own cookies, BASIC for the token endpoint. */
    final class Browser {
        private final String base;
        private final HttpClient client = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).connectTimeout(Duration.ofSeconds(5)).build();

        Browser(String contextPath) {
            this.base = url(contextPath);
        }

        HttpResponse<String> send(String method, String path, String authorization) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                    .method(method, HttpRequest.BodyPublishers.noBody());
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            try {
                return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** A call of the application's own, with alice's login (BASIC; the application's pages are behind it). */
        String body(String method, String path) {
            HttpResponse<String> reply = send(method, path, Http.basic(TestUsers.ALICE, TestUsers.ALICE_PASSWORD));
            assertThat(reply.statusCode()).as(method + " " + path).isEqualTo(200);
            return reply.body();
        }

        /**
         * Logs in to the application: the page that starts the HTTP session, then a second page within it. On Jetty the
         * second authenticated request renews the session's id (as on Tomcat the first does) and marks it secured;
         * without it, the token endpoint's deferred BASIC login would try the renewal on a response Jetty reports as
         * committed, and fail.
         */
        void login(String query) {
            assertThat(body("POST", "/api/session/start" + query)).isEqualTo("started");
            assertThat(body("GET", "/api/session/check")).isEqualTo("live");
        }

        /** @return alice's refresh token, from the token endpoint within this browser's HTTP session (if any) */
        String chatLogin() throws IOException {
            HttpResponse<String> reply = send("POST", "/api/chat/token", Http.basic(TestUsers.ALICE, TestUsers.ALICE_PASSWORD));
            assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
            return JSON.readTree(reply.body()).get("refreshToken").asText();
        }
    }

    /** @return "200" with the next refresh token after a space, or the status and error code */
    private String refresh(String contextPath, String refreshToken) throws IOException {
        Http.Reply reply = new Http(url(contextPath)).call("POST", "/chatsdk/auth/refresh")
                .header("Authorization", "Bearer " + refreshToken).send();
        JsonNode json = reply.json();
        return reply.status() == 200 ? "200 " + json.get("refreshToken").asText()
                : reply.status() + " " + json.get("error").get("code").asText();
    }

    private static String next(String refreshed) {
        assertThat(refreshed).startsWith("200 ");
        return refreshed.substring(4);
    }

    @Test
    void theApplicationsLogoutRevokesTheChatSessionsOfThatLoginAndNoOther() throws Exception {
        Browser browser = new Browser("/app");
        browser.login("");
        String first = browser.chatLogin();
        String second = next(refresh("/app", browser.chatLogin()));
        String rotated = next(refresh("/app", first));
        Browser otherDevice = new Browser("/app");
        otherDevice.login("");
        String other = otherDevice.chatLogin();

        assertThat(browser.body("POST", "/api/session/logout")).isEqualTo("ended");

        assertThat(refresh("/app", rotated)).isEqualTo("401 SESSION_REVOKED");
        assertThat(refresh("/app", second)).isEqualTo("401 SESSION_REVOKED");
        assertThat(refresh("/app", other)).startsWith("200 ");
    }

    @Test
    void aChatLoginWithoutAnHttpSessionCreatesNoneAndOutlivesOthersLogouts() throws Exception {
        Browser basicOnly = new Browser("/app");
        HttpResponse<String> reply = basicOnly.send("POST", "/api/chat/token",
                Http.basic(TestUsers.ALICE, TestUsers.ALICE_PASSWORD));
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.toUpperCase().startsWith("JSESSIONID"));
        String token = JSON.readTree(reply.body()).get("refreshToken").asText();

        Browser browser = new Browser("/app");
        browser.login("");
        browser.chatLogin();
        browser.body("POST", "/api/session/logout");

        assertThat(refresh("/app", token)).startsWith("200 ");
    }

    @Test
    void anIdleExpiryKeepsTheChatSessionByDefault() throws Exception {
        Browser browser = new Browser("/app");
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
        Browser browser = new Browser("/expiry");
        browser.login("?idle=1");
        String first = browser.chatLogin();
        String live = new Browser("/expiry").chatLogin();

        // no request brings the cookie again: the container's reaper ends the session
        String[] token = {first};
        String[] answer = new String[1];
        Await.until("the reaper revoked the chat session", Duration.ofSeconds(30), () -> {
            try {
                answer[0] = refresh("/expiry", token[0]);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if (answer[0].startsWith("200 ")) {
                token[0] = next(answer[0]);
                return false;
            }
            return true;
        });
        assertThat(answer[0]).isEqualTo("401 SESSION_REVOKED");
        assertThat(refresh("/expiry", live)).startsWith("200 ");
    }
}
