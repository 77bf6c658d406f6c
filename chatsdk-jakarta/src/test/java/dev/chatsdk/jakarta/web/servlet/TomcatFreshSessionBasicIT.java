package dev.chatsdk.jakarta.web.servlet;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A BASIC token request in a fresh HTTP session on embedded Tomcat 11 (preemptive authentication), see the contract. */
class TomcatFreshSessionBasicIT extends FreshSessionBasicContract {
    private static TomcatServer tomcat;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        tomcat = new TomcatServer(dir.resolve("tomcat"));
        tomcat.deploy("/app", webapp(dir.resolve("app")));
        tomcat.deploy("/jaxrs", jaxRsWebapp(dir.resolve("jaxrs")));
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
