package dev.chatsdk.jakarta.web.jaxrs;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import dev.chatsdk.jakarta.TestUsers;

/**
 * The test realm for Jersey outside a servlet container, where nothing else authenticates: checks
 * BASIC credentials and sets the SecurityContext. No credentials: the request goes on anonymous.
 */
@PreMatching
final class BasicAuthFilter implements ContainerRequestFilter {
    private static final Map<String, String> PASSWORDS = Map.of(TestUsers.ALICE, TestUsers.ALICE_PASSWORD,
            TestUsers.BOB, TestUsers.BOB_PASSWORD);
    private static final Map<String, Set<String>> ROLES = Map.of(TestUsers.ALICE, Set.of(TestUsers.CHAT_ROLE),
            TestUsers.BOB, Set.of());

    @Override
    public void filter(ContainerRequestContext request) {
        java.util.List<String> headers = request.getHeaders().get("Authorization");
        // several headers log nobody in (Jersey would join them with commas), as servers differ in which one counts
        String header = headers == null || headers.size() != 1 ? null : headers.get(0);
        if (header == null || !header.startsWith("Basic ")) {
            return;
        }
        String[] pair = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8).split(":", 2);
        if (pair.length != 2 || !pair[1].equals(PASSWORDS.get(pair[0]))) {
            request.abortWith(Response.status(401).header("WWW-Authenticate", "Basic realm=\"chat\"").build());
            return;
        }
        String user = pair[0];
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return () -> user;
            }

            @Override
            public boolean isUserInRole(String role) {
                return ROLES.get(user).contains(role);
            }

            @Override
            public boolean isSecure() {
                return false;
            }

            @Override
            public String getAuthenticationScheme() {
                return BASIC_AUTH;
            }
        });
    }
}
