package dev.chatsdk.quickstart;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What a real application already has: after the container authenticated the request, load the
 * logged-in user and keep it in a request attribute for the rest of the request. The ChatSDK module
 * reads it from there ({@code chatsdk.identity.user-attribute=currentUser}).
 */
final class CurrentUserFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    static final String ATTRIBUTE = "currentUser";

    /** The demo's user table. */
    private static final Map<String, AppUser> USERS = Map.of(
            "alice", new AppUser("alice", "Alice Example", "https://example.com/avatars/alice.png",
                    "alice@example.com", "admin", "engineering"),
            "bob", new AppUser("bob", "Bob Example", null, "bob@example.com", "member", "sales"));

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getUserPrincipal() != null) {
            AppUser user = USERS.get(request.getUserPrincipal().getName());
            if (user != null) {
                request.setAttribute(ATTRIBUTE, user);
            }
        }
        chain.doFilter(request, response);
    }
}
