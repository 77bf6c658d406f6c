package dev.chatsdk.jakarta.web.servlet;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import dev.chatsdk.jakarta.ChatSdkConfig;

/** The application's logout with the remote issuer in embedded Tomcat 11. */
class TomcatRemoteLogoutIT extends RemoteLogoutContract {
    private static TomcatServer tomcat;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        tomcat = new TomcatServer(dir.resolve("tomcat"));
        tomcat.deploy("/user", webapp(dir.resolve("user"), Map.of(ChatSdkConfig.Keys.LOGOUT_ENDS, "user")));
        tomcat.deploy("/default", webapp(dir.resolve("default"), Map.of()));
        tomcat.start();
    }

    @AfterAll
    static void stop() throws Exception {
        tomcat.close();
    }

    @Override
    protected String url(String contextPath) {
        return tomcat.http(contextPath).baseUrl();
    }
}
