package dev.chatsdk.example.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.chatsdk.testsupport.Http.basic;
import static dev.chatsdk.testsupport.Http.send;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.chatsdk.testsupport.EmbeddedJetty;

/**
 * The packaged servlet.war, exactly as users deploy it (its web.xml, its META-INF/context.xml), on embedded Tomcat 11
 * and Jetty 12 with BASIC users alice ({@code chat-user}), bob ({@code staff}) and carol (no role), over HTTP: the
 * container leaves the token endpoint to the module, which answers JSON to anonymous callers (issue 15 item 11), and
 * still guards everything else.
 */
class ServletWarIT {
    private static final String[] SECRET_KEYS = {"chatsdk.local.secret", "chatsdk.local.ws-secret"};
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Tomcat tomcat;
    private static EmbeddedJetty jetty;

    @BeforeAll
    static void start() throws Exception {
        SecureRandom random = new SecureRandom();
        for (String key : SECRET_KEYS) {
            byte[] secret = new byte[48];
            random.nextBytes(secret);
            System.setProperty(key, Base64.getEncoder().encodeToString(secret));
        }
        String war = Path.of(System.getProperty("servlet.war", "target/servlet.war")).toAbsolutePath().toString();
        assertThat(Path.of(war)).as("the packaged WAR (run by failsafe after package)").exists();

        tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createDirectories(Path.of("target", "it-tomcat", "webapps")).getParent().toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        tomcat.addUser("alice", "alice-password");
        tomcat.addRole("alice", "chat-user");
        tomcat.addUser("bob", "bob-password");
        tomcat.addRole("bob", "staff");
        tomcat.addUser("carol", "carol-password");
        tomcat.addWebapp("/app", war);
        tomcat.start();

        jetty = EmbeddedJetty.onLoopback()
                .realm(EmbeddedJetty.realm("chat", Map.of("alice", new String[] {"alice-password", "chat-user"},
                        "bob", new String[] {"bob-password", "staff"}, "carol", new String[] {"carol-password"})))
                .war("/app", Path.of(war), Files.createDirectories(Path.of("target", "it-jetty")))
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (tomcat != null) {
                tomcat.stop();
                tomcat.destroy();
            }
        } finally {
            if (jetty != null) {
                jetty.close();
            }
            for (String key : SECRET_KEYS) {
                System.clearProperty(key);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomcat", "jetty"})
    void anAnonymousTokenRequestGetsTheModulesJsonErrorWithBasicsChallenge(String server) throws Exception {
        for (String method : new String[] {"POST", "GET"}) {
            assertUnauthenticated(server + " " + method, send(request(server, "/api/chat/token")
                    .method(method, HttpRequest.BodyPublishers.noBody()).header("Accept", "text/html,*/*")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomcat", "jetty"})
    void aWrongBasicPasswordIsChallengedAgain(String server) throws Exception {
        HttpResponse<String> response = send(post(server, "/api/chat/token").header("Authorization", basic("alice", "wrong")));

        if (server.equals("jetty")) {
            // Jetty authenticates lazily, when the module asks: a failed login is nobody logged in
            assertUnauthenticated(server, response);
        } else {
            // Tomcat's preemptive authentication answers a failed login itself (its page, but still the challenge)
            assertContainerChallenge(server, response);
        }
        assertThat(response.body()).doesNotContain("wrong", "alice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomcat", "jetty"})
    void otherMethodsOnTheTokenEndpointGetTheModulesJsonError(String server) throws Exception {
        HttpResponse<String> response = send(request(server, "/api/chat/token")
                .method("PUT", HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(405);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(JSON.readTree(response.body()).path("error").path("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomcat", "jetty"})
    void basicUsersAreStillLoggedInForTheModule(String server) throws Exception {
        HttpResponse<String> alice = send(post(server, "/api/chat/token").header("Authorization", basic("alice", "alice-password")));
        assertThat(alice.statusCode()).as(alice.body()).isEqualTo(200);
        assertThat(JSON.readTree(alice.body()).path("user").path("id").asText()).isEqualTo("alice");
        assertThat(send(request(server, "/api/chat/token").GET().header("Authorization", basic("alice", "alice-password")))
                .statusCode()).isEqualTo(200);

        // logged in without chatsdk.access.roles-allowed's role: the module's 403, as JSON, whatever the roles
        for (String user : new String[] {"bob", "carol"}) {
            HttpResponse<String> denied = send(post(server, "/api/chat/token").header("Authorization", basic(user, user + "-password")));
            assertThat(denied.statusCode()).as(server + " " + user + " " + denied.body()).isEqualTo(403);
            assertThat(JSON.readTree(denied.body()).path("error").path("code").asText()).isEqualTo("NO_CHAT_ACCESS");
            assertThat(denied.headers().firstValue("WWW-Authenticate")).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomcat", "jetty"})
    void theContainerStillGuardsTheRestOfTheApplication(String server) throws Exception {
        // the staff page: a login first, then the staff role
        HttpResponse<String> anonymous = send(request(server, "/admin/chat-events").GET());
        assertContainerChallenge(server + " staff page", anonymous);
        assertThat(send(request(server, "/admin/chat-events").GET().header("Authorization", basic("alice", "alice-password")))
                .statusCode()).isEqualTo(403);
        HttpResponse<String> staff = send(request(server, "/admin/chat-events").GET().header("Authorization", basic("bob", "bob-password")));
        assertThat(staff.statusCode()).isEqualTo(200);
        assertThat(staff.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));

        // the rest of /api/*: the exemption is the token endpoint's exact path only
        for (String path : new String[] {"/api/other", "/api/chat/token/x", "/api/chat/tokens"}) {
            assertContainerChallenge(server + " " + path, send(request(server, path).GET()));
            assertThat(send(request(server, path).GET().header("Authorization", basic("carol", "carol-password"))).statusCode())
                    .as(server + " carol " + path).isEqualTo(403);
        }
    }

    private static void assertUnauthenticated(String what, HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(what + " " + response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("WWW-Authenticate")).as(what).hasValue("Basic realm=\"chat\", charset=\"UTF-8\"");
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).as(what).isEqualTo("UNAUTHENTICATED");
        assertThat(error.path("message").asText()).as(what).isNotBlank();
        assertThat(error.path("suggestion").asText()).as(what).isNotBlank();
    }

    private static void assertContainerChallenge(String what, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(what).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).as(what).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWithIgnoringCase("basic").contains("chat"));
        assertThat(response.body()).as(what).doesNotContain("UNAUTHENTICATED");
    }

    private static HttpRequest.Builder post(String server, String path) {
        return request(server, path).POST(HttpRequest.BodyPublishers.noBody());
    }

    private static HttpRequest.Builder request(String server, String path) {
        int port = server.equals("tomcat") ? tomcat.getConnector().getLocalPort() : jetty.port();
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/app" + path)).timeout(Duration.ofSeconds(10));
    }
}
