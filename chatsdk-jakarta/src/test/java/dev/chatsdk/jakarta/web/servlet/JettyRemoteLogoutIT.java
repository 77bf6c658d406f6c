package dev.chatsdk.jakarta.web.servlet;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import dev.chatsdk.jakarta.ChatSdkConfig;

/** The application's logout with the remote issuer in embedded Jetty 12 (ee10). */
class JettyRemoteLogoutIT extends RemoteLogoutContract {
    private static JettyServer jetty;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        jetty = new JettyServer()
                .deploy("/user", webapp(dir.resolve("user"), Map.of(ChatSdkConfig.Keys.LOGOUT_ENDS, "user")))
                .deploy("/default", webapp(dir.resolve("default"), Map.of()))
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
