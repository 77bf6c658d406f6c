package dev.chatsdk.quickstart;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Adds HTTP BASIC's challenge ({@code WWW-Authenticate: Basic realm="…"}) to the 401 the ChatSDK module answers on
 * its token endpoint when nobody is logged in. The container does not guard that endpoint (see
 * {@link Quickstart}), so an anonymous caller gets the module's JSON error {@code UNAUTHENTICATED}, which a
 * browser's token provider can read, instead of the container's HTML page; this filter keeps the challenge curl
 * and other BASIC clients expect. Only a 401 gets it: a 405 or 403 stays as the module wrote it.
 */
final class BasicChallengeFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    private final String challenge;

    /** @param realm the realm named in the challenge, the container's BASIC realm */
    BasicChallengeFilter(String realm) {
        this.challenge = "Basic realm=\"" + realm + "\", charset=\"UTF-8\"";
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
