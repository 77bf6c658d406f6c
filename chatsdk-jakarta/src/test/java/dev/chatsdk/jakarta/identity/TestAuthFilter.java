package dev.chatsdk.jakarta.identity;

import java.io.IOException;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The application's own authentication, as a filter in front of the module: it logs the caller in
 * the way the {@code X-Test-Auth} header asks, the way real applications do it — an annotated
 * principal, a plain principal plus the user object in a request or session attribute, or a
 * MicroProfile JWT from {@code Authorization: Bearer}. {@code X-Test-Roles} lists the caller's roles.
 */
public final class TestAuthFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    public static final String USER_ATTRIBUTE = "currentUser";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String mode = request.getHeader("X-Test-Auth");
        if (mode == null) {
            chain.doFilter(request, response);
            return;
        }
        Principal principal;
        switch (mode) {
            case "annotated-principal":
                principal = new AppUsers.AppPrincipal("u-principal", "Annotated Principal");
                break;
            case "request-attribute":
                principal = () -> "u-request";
                request.setAttribute(USER_ATTRIBUTE, new AppUsers.FieldUser("u-request", "Request User"));
                break;
            case "session-attribute":
                principal = () -> "u-session";
                request.getSession(true).setAttribute(USER_ATTRIBUTE, new AppUsers.FieldUser("u-session", "Session User"));
                break;
            case "session-of-another-user":
                // a session that outlived a login: the previous user's object is still in it
                principal = () -> "u-now";
                request.getSession(true).setAttribute(USER_ATTRIBUTE, new AppUsers.FieldUser("u-before", "Before User"));
                break;
            case "surrogate-in-name":
                principal = () -> "u-surrogate";
                request.setAttribute(USER_ATTRIBUTE, new AppUsers.FieldUser("u-surrogate", "Bad \ud800 Name"));
                break;
            case "surrogate-in-id":
                principal = () -> "u-\udc00";
                break;
            case "mp-jwt":
                principal = MpJwts.principal(request.getHeader("Authorization").substring("Bearer ".length()));
                break;
            default:
                principal = () -> mode;
        }
        List<String> roles = request.getHeader("X-Test-Roles") == null ? List.of()
                : Arrays.asList(request.getHeader("X-Test-Roles").split(","));
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
                return roles.contains(role);
            }
        }, response);
    }
}
