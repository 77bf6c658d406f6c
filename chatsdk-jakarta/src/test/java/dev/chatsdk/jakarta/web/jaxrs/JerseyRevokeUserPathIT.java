package dev.chatsdk.jakarta.web.jaxrs;

import java.net.URI;
import java.util.List;

import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.web.RevokeUserPathContract;
import dev.chatsdk.testsupport.Http;

/** Revoke-tokens paths through the JAX-RS resource under Jersey on Grizzly (which resolves no dot segment). */
class JerseyRevokeUserPathIT extends RevokeUserPathContract {
    private static HttpServer server;

    @BeforeAll
    static void start() {
        ChatSdk sdk = ChatSdk.create(CONFIG.builder().build());
        server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/app/"),
                new ResourceConfig().register(new ChatTokenResource(sdk)));
    }

    @AfterAll
    static void stop() {
        server.shutdownNow();
    }

    @Override
    protected Http http() {
        return new Http("http://127.0.0.1:" + server.getListeners().iterator().next().getPort() + "/app");
    }

    @Override
    protected List<String> refusedByTheContainer() {
        return List.of();
    }
}
