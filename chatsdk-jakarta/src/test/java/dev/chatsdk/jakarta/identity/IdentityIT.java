package dev.chatsdk.jakarta.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import jakarta.servlet.DispatcherType;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.JsonNode;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.config.IdentityConfig;
import dev.chatsdk.jakarta.web.ChatResponse;
import dev.chatsdk.jakarta.web.jaxrs.ChatTokenResource;
import dev.chatsdk.jakarta.web.servlet.ChatNode;
import dev.chatsdk.jakarta.web.servlet.ChatSdkInitializer;
import dev.chatsdk.testsupport.EmbeddedJetty;
import dev.chatsdk.testsupport.Http;

/**
 * Every source of a user, over real HTTP in embedded Jetty 12, behind the application's own
 * authentication filter: an annotated principal, the annotated user object in a request or a session
 * attribute, a MicroProfile JWT principal, the principal name alone; and the role claims. The
 * {@code /rest} application answers through the JAX-RS resource, which reads the same attributes. A
 * {@code ChatUserResolver} bean in a running CDI container (Weld SE) comes before all of them.
 */
class IdentityIT {
    private static final ChatSdkConfig CONFIG = new TestConfig().builder().set(IdentityConfig.ROLES_ALLOWED, List.of())
            .set(IdentityConfig.USER_ATTRIBUTE, TestAuthFilter.USER_ATTRIBUTE)
            .set(IdentityConfig.JWT_CLAIMS, List.of("tenant", "groups"))
            .set(IdentityConfig.ROLE_CLAIMS, List.of("moderator", "chat-user")).build();
    private static EmbeddedJetty server;

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedJetty.onLoopback().handler(context("/app", false)).handler(context("/rest", true)).start();
    }

    private static ServletContextHandler context(String path, boolean jaxrs) {
        ChatSdk sdk = ChatSdk.create(CONFIG);
        ServletContextHandler context = new ServletContextHandler(path, ServletContextHandler.SESSIONS);
        context.setAttribute(ChatSdk.ATTRIBUTE, sdk);
        context.addFilter(new FilterHolder(new TestAuthFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServletContainerInitializer(new ChatSdkInitializer());
        if (jaxrs) {
            context.addServlet(new ServletHolder(new ServletContainer(new ResourceConfig()
                    .register(new ChatTokenResource(sdk)))), "/*");
        }
        return context;
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static Http http(String context) {
        return server.http(context);
    }

    private static JsonNode tokens(String context, String mode, String roles, String bearer) {
        Http.Call call = http(context).call("POST", "/api/chat/token").header("X-Test-Auth", mode);
        if (roles != null) {
            call.header("X-Test-Roles", roles);
        }
        if (bearer != null) {
            call.header("Authorization", "Bearer " + bearer);
        }
        Http.Reply reply = call.send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.header(ChatResponse.HANDLER_HEADER)).isEqualTo(context.equals("/rest") ? "jaxrs" : "servlet-filter");
        return reply.json();
    }

    private static DecodedJWT access(JsonNode tokens) {
        return JWT.decode(tokens.get("accessToken").asText());
    }

    @Test
    void refusesAnUnpairedSurrogateFromTheApplicationsUserThroughBothAdapters() {
        for (String context : List.of("/app", "/rest")) {
            Http.Reply name = http(context).call("POST", "/api/chat/token").header("X-Test-Auth", "surrogate-in-name").send();
            Http.Reply id = http(context).call("POST", "/api/chat/token").header("X-Test-Auth", "surrogate-in-id").send();

            assertThat(name.status()).as(context).isEqualTo(400);
            assertThat(name.json().get("error").get("code").asText()).isEqualTo("INVALID_REQUEST");
            assertThat(name.json().get("error").get("message").asText()).contains("Field 'name' contains an unpaired "
                    + "UTF-16 surrogate at position 4, which UTF-8 cannot encode.");
            assertThat(id.status()).as(context).isEqualTo(400);
            assertThat(id.json().get("error").get("code").asText()).isEqualTo("INVALID_USER_ID");
            assertThat(id.json().get("error").get("message").asText()).isEqualTo("The user id contains an unpaired "
                    + "UTF-16 surrogate at position 2, which UTF-8 cannot encode.");
        }
    }

    @Test
    void refusesTheUserObjectASessionKeptForAnotherUserThroughBothAdapters() {
        for (String context : List.of("/app", "/rest")) {
            Http.Reply reply = http(context).call("POST", "/api/chat/token").header("X-Test-Auth", "session-of-another-user")
                    .send();

            assertThat(reply.status()).as(context + " " + reply).isEqualTo(403);
            assertThat(reply.header("Content-Type")).startsWith("application/json");
            JsonNode error = reply.json().get("error");
            assertThat(error.get("code").asText()).isEqualTo("NO_CHAT_ACCESS");
            assertThat(error.get("message").asText()).isEqualTo("The application's user object for this request "
                    + "(attribute 'currentUser') belongs to another user than the one logged in; the server log names "
                    + "both (CHATSDK-210).");
            assertThat(error.get("suggestion").asText()).isNotBlank();
            assertThat(reply.response.body()).doesNotContain("u-before", "accessToken");
        }
    }

    @Test
    void readsAnAnnotatedPrincipal() {
        JsonNode body = tokens("/app", "annotated-principal", null, null);

        assertThat(body.get("user").get("id").asText()).isEqualTo("u-principal");
        assertThat(access(body).getClaim("name").asString()).isEqualTo("Annotated Principal");
    }

    @Test
    void readsTheAnnotatedUserInTheRequestAttributeThroughBothAdapters() {
        for (String context : List.of("/app", "/rest")) {
            JsonNode body = tokens(context, "request-attribute", null, null);

            assertThat(body.get("user").get("name").asText()).isEqualTo("Request User");
            assertThat(body.get("user").get("avatar").asText()).isEqualTo("https://example.com/u.png");
            assertThat(access(body).getClaim("custom").asMap()).containsEntry("tenant", "acme")
                    .containsEntry("role", "ADMIN").containsEntry("team", Map.of("id", "t-1", "size", 4));
            assertThat(JWT.decode(body.get("wsToken").asText()).getClaim("info").asMap())
                    .containsEntry("name", "Request User");
        }
    }

    @Test
    void readsTheAnnotatedUserInTheSessionAttribute() {
        JsonNode body = tokens("/app", "session-attribute", null, null);

        assertThat(body.get("user").get("id").asText()).isEqualTo("u-session");
        assertThat(body.get("user").get("displayName").asText()).isEqualTo("Session User");
    }

    @Test
    void mapsAMicroProfileJwtPrincipal() {
        JsonNode body = tokens("/app", "mp-jwt", null, MpJwts.token("jwt-jane"));

        assertThat(body.get("user").get("id").asText()).isEqualTo("jwt-jane");
        assertThat(body.get("user").get("name").asText()).isEqualTo("JWT jwt-jane");
        assertThat(body.get("user").get("image").asText()).isEqualTo("https://idp.example.com/jwt-jane.png");
        assertThat(body.get("user").get("email").asText()).isEqualTo("jwt-jane@example.com");
        assertThat(body.get("user").get("custom").get("tenant").asText()).isEqualTo("acme");
        assertThat(body.get("user").get("custom").get("groups")).hasSize(2);
    }

    @Test
    void asksTheApplicationsCdiBeanFirst() throws Exception {
        try (WeldContainer cdi = new Weld().disableDiscovery()
                .addBeanClasses(IdentityResolverTest.CdiUserResolver.class).initialize();
                ChatNode node = ChatNode.start(ChatSdk.create(new TestConfig().builder().build()))) {
            JsonNode body = node.loginAlice();

            assertThat(body.get("user").get("name").asText()).isEqualTo("From CDI");
        }
    }

    @Test
    void fallsBackToThePrincipalNameAndListsTheRolesHeld() {
        JsonNode body = tokens("/app", "plain-user", "chat-user,auditor", null);

        assertThat(body.get("user").get("id").asText()).isEqualTo("plain-user");
        assertThat(body.get("user").get("name").isNull()).isTrue();
        assertThat(access(body).getClaim("custom").asMap()).isEqualTo(Map.of("roles", List.of("chat-user")));
    }
}
