package dev.chatsdk.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The launcher and the client together: loopback only, each context at its path, requests and replies as sent. */
class EmbeddedJettyTest {
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void forget() {
        Http.whenRefreshTokenSeen(token -> { });
    }

    /** Answers what it was asked: the method, the Authorization header and the body, as JSON. */
    private static ServletContextHandler echo(String contextPath, String name) {
        ServletContextHandler context = new ServletContextHandler(contextPath);
        context.addServlet(new ServletHolder(new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                String body = new String(request.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                response.setStatus(201);
                response.setContentType("application/json");
                response.setHeader("X-Context", name);
                response.getWriter().write("{\"method\":\"" + request.getMethod() + "\",\"authorization\":\""
                        + request.getHeader("Authorization") + "\",\"body\":" + (body.isEmpty() ? "null" : body)
                        + ",\"refreshToken\":\"refresh-token-of-" + name + "\"}");
            }
        }), "/*");
        return context;
    }

    @Test
    void servesEachContextOnLoopbackAndTheClientSendsWhatItIsTold() throws Exception {
        Http.whenRefreshTokenSeen(seen::add);
        try (EmbeddedJetty jetty = EmbeddedJetty.onLoopback(16).handler(echo("/a", "a")).handler(echo("/b", "b")).start()) {
            assertThat(jetty.url("/a")).isEqualTo("http://127.0.0.1:" + jetty.port() + "/a");

            Http.Reply a = jetty.http("/a").call("PUT", "/x").as("alice", "pw").json("{\"n\":1}").send();
            assertThat(a.status()).isEqualTo(201);
            assertThat(a.header("X-Context")).isEqualTo("a");
            JsonNode json = a.json();
            assertThat(json.get("method").asText()).isEqualTo("PUT");
            assertThat(json.get("authorization").asText()).isEqualTo(Http.basic("alice", "pw"));
            assertThat(json.get("body").get("n").asInt()).isEqualTo(1);

            HttpResponse<String> b = Http.post(jetty.url("/b/y"), "Bearer t");
            assertThat(b.statusCode()).isEqualTo(201);
            assertThat(Http.field(b.body(), "authorization")).isEqualTo("Bearer t");
            assertThat(Http.field(b.body(), "method")).isEqualTo("POST");

            assertThat(jetty.http("").call("GET", "/elsewhere").send().status()).isEqualTo(404);
        }
        assertThat(seen).as("the refresh token of the one reply read as JSON").containsExactly("refresh-token-of-a");
    }
}
