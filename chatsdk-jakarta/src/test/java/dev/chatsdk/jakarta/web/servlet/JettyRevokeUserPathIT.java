package dev.chatsdk.jakarta.web.servlet;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import dev.chatsdk.jakarta.web.RevokeUserPathContract;
import dev.chatsdk.testsupport.Http;

/** Revoke-tokens paths through the servlet filter in embedded Jetty 12. */
class JettyRevokeUserPathIT extends RevokeUserPathContract {
    private static JettyServer jetty;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        jetty = new JettyServer().deploy("/app", TestWebapp.with(properties()).write(dir.resolve("app"))).start();
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.close();
    }

    @Override
    protected Http http() {
        return jetty.http("/app");
    }

    /** Jetty 12's default URI compliance: encoded dot segments and empty segments are ambiguous. */
    @Override
    protected List<String> refusedByTheContainer() {
        return List.of("/chatsdk/api/users/%2e%2e/users/victim/revoke-tokens", "/chatsdk/api/users/%2e%2e/revoke-tokens",
                "/chatsdk/api/users/victim//revoke-tokens");
    }
}
