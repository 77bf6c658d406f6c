package dev.chatsdk.jakarta.web.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chatsdk.jakarta.TestUsers;
import dev.chatsdk.testsupport.Http;

/**
 * One browser of alice's on one web application: its own cookie jar, alice's BASIC login on the application's pages
 * ({@link SessionServlet} at {@code /api/session/*}), which keep her login in the HTTP session, and the token endpoint
 * called with the session cookie alone, as a page of the application does ({@link SessionLoginFilter}).
 */
public final class CookieBrowser {
    static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient client = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).connectTimeout(Duration.ofSeconds(5)).build();

    public CookieBrowser(String base) {
        this.base = base;
    }

    HttpResponse<String> send(String method, String path, String authorization) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody()),
                authorization);
    }

    HttpResponse<String> send(HttpRequest.Builder request, String authorization) {
        request.timeout(Duration.ofSeconds(20));
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
     * Logs in to the application: the page that starts the HTTP session and keeps alice's login in it
     * ({@link SessionLoginFilter}), then a second page within it.
     */
    void login(String query) {
        assertThat(body("POST", "/api/session/start" + query)).isEqualTo("started");
        assertThat(body("GET", "/api/session/check")).isEqualTo("live");
    }

    /** @return alice's refresh token, from the token endpoint within this browser's HTTP session (the cookie alone) */
    String chatLogin() throws IOException {
        return tokens(send("POST", "/api/chat/token", null));
    }

    /** @return the token endpoint's answer to a request with this browser's cookies alone and one more header */
    HttpResponse<String> chatLoginWith(String header, String value) {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/chat/token")).header(header, value)
                .POST(HttpRequest.BodyPublishers.noBody()), null);
    }

    /** @return alice's refresh token, from a token request with her own BASIC credentials and this browser's cookies */
    String basicChatLogin() throws IOException {
        return tokens(send("POST", "/api/chat/token", Http.basic(TestUsers.ALICE, TestUsers.ALICE_PASSWORD)));
    }

    private static String tokens(HttpResponse<String> reply) throws IOException {
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return JSON.readTree(reply.body()).get("refreshToken").asText();
    }

    /** @return "200" with the next refresh token after a space, or the status and error code */
    public static String refresh(String base, String refreshToken) {
        Http.Reply reply = new Http(base).call("POST", "/chatsdk/auth/refresh")
                .header("Authorization", "Bearer " + refreshToken).send();
        JsonNode json = reply.json();
        return reply.status() == 200 ? "200 " + json.get("refreshToken").asText()
                : reply.status() + " " + json.get("error").get("code").asText();
    }

    /** @return the refresh token of a {@link #refresh} that succeeded */
    public static String next(String refreshed) {
        assertThat(refreshed).startsWith("200 ");
        return refreshed.substring(4);
    }
}
