package dev.chatsdk.example.servlet;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Adds HTTP BASIC's challenge ({@code WWW-Authenticate: Basic realm="…"}, the realm from the init parameter
 * {@code realm}) to a 401 answered on the paths it is mapped to: the chat token endpoint, which web.xml leaves to the
 * module so that an anonymous caller gets the module's JSON error {@code UNAUTHENTICATED} instead of the container's
 * HTML page. Only a 401 gets it; other answers stay as the module wrote them. Leave it out if the application offers
 * no BASIC login: a browser shows its own login dialog for a BASIC challenge.
 */
public class BasicChallengeFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    private String challenge;

    @Override
    public void init() throws ServletException {
        String realm = getInitParameter("realm");
        if (realm == null || realm.isBlank() || realm.contains("\"")) {
            throw new ServletException("BasicChallengeFilter needs the init parameter 'realm', without quotes");
        }
        challenge = "Basic realm=\"" + realm + "\", charset=\"UTF-8\"";
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void setStatus(int status) {
                challenge(status);
                super.setStatus(status);
            }

            @Override
            public void sendError(int status) throws IOException {
                challenge(status);
                super.sendError(status);
            }

            @Override
            public void sendError(int status, String message) throws IOException {
                challenge(status);
                super.sendError(status, message);
            }

            private void challenge(int status) {
                if (status == HttpServletResponse.SC_UNAUTHORIZED && !containsHeader("WWW-Authenticate")) {
                    setHeader("WWW-Authenticate", challenge);
                }
            }
        });
    }
}
