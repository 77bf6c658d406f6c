package dev.chatsdk.jakarta.web.jaxrs;

import java.net.URI;

import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.web.TokenEndpointContract;
import dev.chatsdk.testsupport.Http;

/** The JAX-RS resource under Jersey on Grizzly (no servlet container), registered with a ChatSdk built in code. */
class JerseyResourceIT extends TokenEndpointContract {
    private static HttpServer server;

    @BeforeAll
    static void start() {
        ChatSdk sdk = ChatSdk.create(CONFIG.builder().build());
        ResourceConfig app = new ResourceConfig().register(new ChatTokenResource(sdk)).register(new BasicAuthFilter());
        server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/app/"), app);
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
    protected String expectedHandler() {
        return "jaxrs";
    }

    @Test
    void answersAnAnonymousCallerWithUnauthenticated() {
        assertError(http().call("POST", TOKEN).send(), 401, "UNAUTHENTICATED", "No user is logged in to this request.");
    }
}
