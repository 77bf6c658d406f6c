package dev.chatsdk.jakarta.web.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.web.ChatResponse;
import dev.chatsdk.testsupport.EmbeddedJetty;
import dev.chatsdk.testsupport.Http;

/**
 * Embedded Jetty set up in code, the way an application that owns its server does it: a plain
 * ServletContextHandler (which reports no class loader), the initializer added by hand, and a
 * ChatSdk built in code instead of MicroProfile Config.
 */
class ProgrammaticJettyIT {
    private static final TestConfig CONFIG = new TestConfig();
    private static EmbeddedJetty server;
    private static ChatSdk sdk;

    @BeforeAll
    static void start() throws Exception {
        ServletContextHandler context = new ServletContextHandler("/");
        sdk = ChatSdk.create(CONFIG.builder().build());
        context.setAttribute(ChatSdk.ATTRIBUTE, sdk);
        context.addServletContainerInitializer(new ChatSdkInitializer());
        server = EmbeddedJetty.onLoopback().handler(context).start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static Http http() {
        return server.http("");
    }

    @Test
    void servesWithTheChatSdkGivenInCode() {
        Http.Reply reply = http().call("POST", "/chatsdk/auth/tokens").header("X-API-Key", CONFIG.apiKey)
                .json("{\"userId\":\"u-1\"}").send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.header(ChatResponse.HANDLER_HEADER)).isEqualTo("servlet-filter");
        assertThat(server.server().getContainedBeans(ServletContextHandler.class).iterator().next()
                .getServletContext().getAttribute(ChatSdk.ATTRIBUTE)).isSameAs(sdk);
    }

    @Test
    void answersTheAnonymousCallerItself() {
        Http.Reply reply = http().call("GET", "/api/chat/token").send();

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("error").get("code").asText()).isEqualTo("UNAUTHENTICATED");
    }
}
