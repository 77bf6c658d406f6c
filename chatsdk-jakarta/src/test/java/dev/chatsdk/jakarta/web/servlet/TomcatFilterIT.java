package dev.chatsdk.jakarta.web.servlet;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import dev.chatsdk.jakarta.web.TokenEndpointContract;
import dev.chatsdk.testsupport.Http;

/** The servlet filter in embedded Tomcat 11, registered by its initializer with no web.xml entry. */
class TomcatFilterIT extends TokenEndpointContract {
    private static TomcatServer tomcat;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        tomcat = new TomcatServer(dir.resolve("tomcat"));
        tomcat.deploy("/app", TestWebapp.with(properties(CONFIG, Map.of())).write(dir.resolve("app")));
        tomcat.start();
    }

    @AfterAll
    static void stop() throws Exception {
        tomcat.close();
    }

    @Override
    protected Http http() {
        return tomcat.http("/app");
    }

    @Override
    protected String expectedHandler() {
        return "servlet-filter";
    }
}
