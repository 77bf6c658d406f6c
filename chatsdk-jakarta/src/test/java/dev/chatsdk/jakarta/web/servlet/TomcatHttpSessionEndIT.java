package dev.chatsdk.jakarta.web.servlet;

import java.nio.file.Path;
import java.util.Map;

import org.apache.catalina.Context;
import org.apache.catalina.session.ManagerBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import dev.chatsdk.jakarta.ChatSdkConfig;

/** The application's logout ends the chat sessions of that login in embedded Tomcat 11. */
class TomcatHttpSessionEndIT extends HttpSessionEndContract {
    private static TomcatServer tomcat;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        tomcat = new TomcatServer(dir.resolve("tomcat")).reaperEverySecond();
        Context app = tomcat.deploy("/app", webapp(dir.resolve("app"), Map.of()));
        Context expiry = tomcat.deploy("/expiry", webapp(dir.resolve("expiry"),
                Map.of(ChatSdkConfig.Keys.EXPIRY_ENDS, "sessions")));
        tomcat.deploy("/jaxrs", jaxRsWebapp(dir.resolve("jaxrs")));
        tomcat.start();
        for (Context context : new Context[] {app, expiry}) {
            // the reaper expires sessions at every background run, not at every sixth
            ((ManagerBase) context.getManager()).setProcessExpiresFrequency(1);
        }
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
