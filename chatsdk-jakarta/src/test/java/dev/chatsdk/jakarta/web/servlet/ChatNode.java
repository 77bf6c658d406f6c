package dev.chatsdk.jakarta.web.servlet;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.security.ConstraintMapping;
import org.eclipse.jetty.ee10.servlet.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.TestUsers;
import dev.chatsdk.testsupport.EmbeddedJetty;
import dev.chatsdk.testsupport.Http;

/**
 * One application node: embedded Jetty 12 on a free loopback port, BASIC login for the test users on
 * {@code /api/*}, and the module started by its initializer with a {@link ChatSdk} built in code (so a
 * test controls its clock and store).
 */
public final class ChatNode implements AutoCloseable {
    private final EmbeddedJetty server = EmbeddedJetty.onLoopback();
    private final ChatSdk sdk;

    private ChatNode(ChatSdk sdk) throws Exception {
        this.sdk = sdk;
        ServletContextHandler context = new ServletContextHandler("/");
        context.setAttribute(ChatSdk.ATTRIBUTE, sdk);
        context.addServletContainerInitializer(new ChatSdkInitializer());
        context.setSecurityHandler(security());
        server.handler(context).start();
    }

    public static ChatNode start(ChatSdk sdk) throws Exception {
        return new ChatNode(sdk);
    }

    private static ConstraintSecurityHandler security() {
        ConstraintMapping api = new ConstraintMapping();
        api.setPathSpec("/api/*");
        api.setConstraint(Constraint.ANY_USER);
        ConstraintSecurityHandler security = new ConstraintSecurityHandler();
        security.setLoginService(JettyServer.loginService());
        security.setAuthenticator(new BasicAuthenticator());
        security.addConstraintMapping(api);
        return security;
    }

    public ChatSdk sdk() {
        return sdk;
    }

    public Http http() {
        return server.http("");
    }

    /** @return alice's token response (a new session) */
    public JsonNode loginAlice() {
        Http.Reply reply = http().call("POST", "/api/chat/token").as(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).send();
        if (reply.status() != 200) {
            throw new AssertionError("login failed: " + reply);
        }
        return reply.json();
    }

    /** @return the answer to a refresh with the token in the Authorization header */
    public Http.Reply refresh(String refreshToken) {
        return http().call("POST", "/chatsdk/auth/refresh").header("Authorization", "Bearer " + refreshToken).send();
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
