package dev.chatsdk.jakarta.web.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.TestUsers;
import dev.chatsdk.jakarta.web.ChatResponse;
import dev.chatsdk.testsupport.Http;

/**
 * Exactly one adapter answers each URL when a web application has both the servlet filter and a
 * JAX-RS application (Jersey's servlet in Jetty 12): the filter steps aside only for a JAX-RS
 * application mapped at the context root, with the default paths, unless told otherwise.
 */
class FilterOrResourceIT {
    private static final TestConfig CONFIG = new TestConfig();
    private static JettyServer jetty;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        Map<String, String> props = CONFIG.properties();
        jetty = new JettyServer()
                .deploy("/root", TestWebapp.with(props).jersey(TestRestApplication.class, "/*").write(dir.resolve("a")))
                .deploy("/sub", TestWebapp.with(props).jersey(TestRestApplication.class, "/rest/*").write(dir.resolve("b")))
                .deploy("/always", TestWebapp.with(with(props, ChatSdkConfig.Keys.SERVLET_FILTER, "always"))
                        .jersey(TestRestApplication.class, "/*").write(dir.resolve("c")))
                .deploy("/custom", TestWebapp.with(with(props, ChatSdkConfig.Keys.TOKEN_PATH, "/api/chat/custom-token"))
                        .jersey(TestRestApplication.class, "/*").write(dir.resolve("d")))
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.close();
    }

    private static Map<String, String> with(Map<String, String> props, String key, String value) {
        Map<String, String> copy = new java.util.HashMap<>(props);
        copy.put(key, value);
        return copy;
    }

    private static Http.Reply alice(String context, String path) {
        return jetty.http(context).call("POST", path).as(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).send();
    }

    private static void answeredBy(Http.Reply reply, String handler) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.header(ChatResponse.HANDLER_HEADER)).isEqualTo(handler);
        assertThat(reply.json().get("user").get("name").asText()).isEqualTo(TestUsers.ALICE_NAME);
    }

    @Test
    void resourceAnswersWhenAJaxRsApplicationIsMappedAtTheRoot() {
        answeredBy(alice("/root", "/api/chat/token"), "jaxrs");
        Http.Reply issue = jetty.http("/root").call("POST", "/chatsdk/auth/tokens").header("X-API-Key", CONFIG.apiKey)
                .json("{\"userId\":\"u-1\"}").send();
        assertThat(issue.status()).as(issue.toString()).isEqualTo(200);
        assertThat(issue.header(ChatResponse.HANDLER_HEADER)).isEqualTo("jaxrs");
    }

    @Test
    void filterAnswersTheContextPathsWhenJaxRsLivesBelowIt() {
        answeredBy(alice("/sub", "/api/chat/token"), "servlet-filter");
        answeredBy(alice("/sub", "/rest/api/chat/token"), "jaxrs");
    }

    @Test
    void filterAnswersWhenConfiguredToAlways() {
        answeredBy(alice("/always", "/api/chat/token"), "servlet-filter");
    }

    @Test
    void filterAnswersConfiguredPathsTheResourceCannotDeclare() {
        answeredBy(alice("/custom", "/api/chat/custom-token"), "servlet-filter");
        Http.Reply old = alice("/custom", "/api/chat/token");
        assertThat(old.status()).isEqualTo(404);
        assertThat(old.json().get("error").get("code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void failsTheDeploymentWithEveryConfigurationProblem(@TempDir Path dir) {
        Map<String, String> broken = with(with(CONFIG.properties(), ChatSdkConfig.Keys.LOCAL_SECRET, "too-short"),
                ChatSdkConfig.Keys.ACCESS_TTL, "soon");
        JettyServer failing = new JettyServer().deploy("/broken", TestWebapp.with(broken).write(dir));

        assertThatThrownBy(failing::start).hasMessageContaining("ChatSDK Jakarta cannot start: 2 configuration problems")
                .hasMessageContaining("CHATSDK-020: 'chatsdk.token.access-ttl'")
                .hasMessageContaining("CHATSDK-013: 'chatsdk.local.secret'")
                .hasMessageNotContaining("too-short");
    }
}
