package dev.chatsdk.jakarta.web.servlet;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import dev.chatsdk.jakarta.ChatSdkConfig;

/** The application's logout ends the chat sessions of that login in embedded Jetty 12 (ee10). */
class JettyHttpSessionEndIT extends HttpSessionEndContract {
    private static JettyServer jetty;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        jetty = new JettyServer().reaperEverySecond()
                .deploy("/app", webapp(dir.resolve("app"), Map.of()))
                .deploy("/expiry", webapp(dir.resolve("expiry"), Map.of(ChatSdkConfig.Keys.EXPIRY_ENDS, "sessions")))
                .deploy("/jaxrs", jaxRsWebapp(dir.resolve("jaxrs")))
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.close();
    }

    @Override
    protected String url(String contextPath) {
        return jetty.http(contextPath).baseUrl();
    }
}
