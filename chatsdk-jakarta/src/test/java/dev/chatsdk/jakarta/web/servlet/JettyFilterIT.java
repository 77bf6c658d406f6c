package dev.chatsdk.jakarta.web.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.auth0.jwt.interfaces.DecodedJWT;

import dev.chatsdk.jakarta.web.TokenEndpointContract;
import dev.chatsdk.testsupport.Http;

/** The servlet filter in embedded Jetty 12, registered by its initializer with no web.xml entry. */
class JettyFilterIT extends TokenEndpointContract {
    private static JettyServer jetty;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        jetty = new JettyServer()
                .deploy("/app", TestWebapp.with(properties(CONFIG, Map.of())).servlet(AppLoginServlet.class, "/login")
                        .write(dir.resolve("app")))
                .deploy("/open", TestWebapp.with(properties(CONFIG, Map.of())).unconstrained().write(dir.resolve("open")))
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.close();
    }

    @Override
    protected Http http() {
        return jetty.http("/app");
    }

    @Override
    protected String expectedHandler() {
        return "servlet-filter";
    }

    @Test
    void letsTheApplicationIssueInCodeThroughTheServletContext() {
        Http.Reply reply = http().call("POST", "/login?user=u-42&name=Forty%20Two").send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        DecodedJWT access = verify(reply.response.body(), CONFIG.secret);
        assertThat(access.getClaim("user_id").asString()).isEqualTo("u-42");
        assertThat(access.getClaim("name").asString()).isEqualTo("Forty Two");
        assertThat(access.getClaim("custom").asMap()).isEqualTo(Map.of("plan", "pro"));
    }

    @Test
    void answersAnAnonymousCallerItMeetsWithUnauthenticated() {
        Http.Reply reply = jetty.http("/open").call("POST", TOKEN).send();

        assertError(reply, 401, "UNAUTHENTICATED", "No user is logged in to this request.");
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
    }
}
