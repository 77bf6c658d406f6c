package dev.chatsdk.jakarta.web.servlet;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import dev.chatsdk.jakarta.web.RevokeUserPathContract;
import dev.chatsdk.testsupport.Http;

/** Revoke-tokens paths through the servlet filter in embedded Tomcat 11 (which resolves encoded dot segments). */
class TomcatRevokeUserPathIT extends RevokeUserPathContract {
    private static TomcatServer tomcat;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        tomcat = new TomcatServer(dir.resolve("tomcat"));
        tomcat.deploy("/app", TestWebapp.with(properties()).write(dir.resolve("app")));
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
    protected List<String> refusedByTheContainer() {
        return List.of();
    }
}
