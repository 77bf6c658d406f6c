package dev.chatsdk.jakarta.web.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.TestUsers;
import dev.chatsdk.jakarta.remote.ScriptedUpstream;
import dev.chatsdk.jakarta.remote.ScriptedUpstream.Answer;

/**
 * The application's logout with the remote issuer, over real HTTP in a servlet container: alice logs in to the
 * application, gets chat tokens relayed from a scripted ChatSDK API, and the application's own servlet logs out and
 * invalidates the HTTP session. With {@code chatsdk.web.logout-ends=user} ({@code /user}) that logout reaches the
 * API's {@code revoke-tokens} for alice with the app's key; with the default {@code sessions} ({@code /default}), which
 * the remote issuer cannot do, it calls nothing. Subclasses deploy the two webapps on one server.
 */
abstract class RemoteLogoutContract {
    protected static final String KEY = "ck_live_" + TestConfig.randomSecret();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Algorithm SIGNER = Algorithm.HMAC256("upstream-secret-upstream-secret-!!");
    private static final String CONNECT = "{\"user\":{\"id\":\"alice\",\"displayName\":\"Alice\"},\"token\":\""
            + JWT.create().withSubject("app-1:alice").withClaim("user_id", "alice").withClaim("sid", "s-up").sign(SIGNER)
            + "\",\"refreshToken\":\"" + JWT.create().withSubject("app-1:alice").withClaim("user_id", "alice")
                    .withClaim("type", "refresh").sign(SIGNER)
            + "\",\"expiresIn\":900,\"_internal\":{\"wsToken\":\""
            + JWT.create().withSubject("app-1:alice").withClaim("user_id", "alice").sign(SIGNER) + "\"}}";
    /** The same answer from an API whose access token carries no {@code sid}: nothing names one chat session. */
    private static final String CONNECT_WITHOUT_SID = CONNECT.replaceFirst("\"token\":\"[^\"]+\"", "\"token\":\""
            + JWT.create().withSubject("app-1:alice").withClaim("user_id", "alice").sign(SIGNER) + "\"");
    protected static ScriptedUpstream upstream;

    @BeforeAll
    static void startUpstream() throws Exception {
        dev.chatsdk.jakarta.NoSecretsInLogs.secret(KEY);
        upstream = new ScriptedUpstream();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    /** @return the webapp's base URL, such as {@code http://127.0.0.1:8080/user} */
    protected abstract String url(String contextPath);

    /** Writes a webapp on the remote issuer with these extra properties. */
    protected static Path webapp(Path dir, Map<String, String> extra) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(ChatSdkConfig.Keys.API_URL, upstream.url());
        properties.put(ChatSdkConfig.Keys.REMOTE_API_KEY, KEY);
        properties.put(ChatSdkConfig.Keys.ROLES_ALLOWED, TestUsers.CHAT_ROLE);
        properties.put(ChatSdkConfig.Keys.RATE_LIMIT_USER, "off");
        properties.put(ChatSdkConfig.Keys.RATE_LIMIT_IP, "off");
        properties.put(ChatSdkConfig.Keys.AUTH_CHALLENGE, TestConfig.AUTH_CHALLENGE);
        properties.putAll(extra);
        return TestWebapp.with(properties).filter(SessionLoginFilter.class, "/*").servlet(SessionServlet.class, "/api/session/*").write(dir);
    }

    @Test
    void withUserTheApplicationsLogoutRevokesTheUserAtTheApi() throws Exception {
        upstream.script(Answer.json(200, CONNECT), Answer.json(200, "{\"success\":true,\"revokedUserId\":\"alice\"}"));
        CookieBrowser browser = new CookieBrowser(url("/user"));
        browser.login("");
        browser.chatLogin();
        assertThat(upstream.received()).extracting(r -> r.path).containsExactly("/api/auth/connect");

        assertThat(browser.body("POST", "/api/session/logout")).isEqualTo("ended");

        assertThat(upstream.received()).extracting(r -> r.rawPath).containsExactly("/api/auth/connect",
                "/api/users/alice/revoke-tokens");
        ScriptedUpstream.Received revoke = upstream.received().get(1);
        assertThat(revoke.header("X-API-Key")).isEqualTo(KEY);
        assertThat(JSON.readTree(revoke.body).get("reason").asText()).startsWith("app_logout: ");
    }

    @Test
    void tokensWithoutASessionIdAreRevokedWithTheirUserToo() throws Exception {
        assertThat(CONNECT_WITHOUT_SID).isNotEqualTo(CONNECT);
        upstream.script(Answer.json(200, CONNECT_WITHOUT_SID), Answer.json(200, "{\"success\":true}"));
        CookieBrowser browser = new CookieBrowser(url("/user"));
        browser.login("");
        browser.chatLogin();

        assertThat(browser.body("POST", "/api/session/logout")).isEqualTo("ended");

        assertThat(upstream.received()).extracting(r -> r.rawPath).containsExactly("/api/auth/connect",
                "/api/users/alice/revoke-tokens");
    }

    @Test
    void aFailingApiNeverFailsTheApplicationsLogout() throws Exception {
        upstream.script(Answer.json(200, CONNECT), Answer.json(500, "{\"error\":{\"code\":\"DATABASE_ERROR\"}}"));
        CookieBrowser browser = new CookieBrowser(url("/user"));
        browser.login("");
        browser.chatLogin();

        assertThat(browser.body("POST", "/api/session/logout")).isEqualTo("ended");

        assertThat(upstream.received()).extracting(r -> r.path).containsExactly("/api/auth/connect",
                "/api/users/alice/revoke-tokens");
    }

    @Test
    void theTokenApisRevokeTokensStaysClosedAndCallsNothing() {
        upstream.script(Answer.json(200, "{\"success\":true}"));

        for (String app : new String[] {"/user", "/default"}) {
            dev.chatsdk.testsupport.Http.Reply reply = new dev.chatsdk.testsupport.Http(url(app))
                    .call("POST", "/chatsdk/api/users/alice/revoke-tokens").header("X-API-Key", KEY).json("{}").send();
            assertThat(reply.status()).as(app).isEqualTo(404);
            assertThat(reply.json().get("error").get("code").asText()).isEqualTo("TOKEN_API_DISABLED");
        }
        assertThat(upstream.hits()).isZero();
    }

    @Test
    void withTheDefaultSessionsTheLogoutCallsNothing() throws Exception {
        upstream.script(Answer.json(200, CONNECT));
        CookieBrowser browser = new CookieBrowser(url("/default"));
        browser.login("");
        browser.chatLogin();

        assertThat(browser.body("POST", "/api/session/logout")).isEqualTo("ended");

        assertThat(upstream.received()).extracting(r -> r.path).containsExactly("/api/auth/connect");
    }
}
