package dev.chatsdk.jakarta.web.servlet;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A BASIC token request in a fresh HTTP session on embedded Jetty 12 (ee10): once a 500, see the contract. */
class JettyFreshSessionBasicIT extends FreshSessionBasicContract {
    private static JettyServer jetty;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        jetty = new JettyServer().deploy("/app", webapp(dir.resolve("app")))
                .deploy("/jaxrs", jaxRsWebapp(dir.resolve("jaxrs"))).start();
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
