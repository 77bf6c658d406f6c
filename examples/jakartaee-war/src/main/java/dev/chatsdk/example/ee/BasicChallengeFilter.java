package dev.chatsdk.example.ee;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * BASIC on the chat token endpoint, which web.xml leaves to the module so that an anonymous caller gets the module's
 * JSON error {@code UNAUTHENTICATED} instead of the server's HTML page:
 *
 * <ul>
 *   <li>a BASIC header the server did not authenticate itself there (Payara authenticates only where web.xml
 *       requires a login; WildFly does it anyway) is logged in with the standard {@code request.login}, against the
 *       same realm; wrong credentials leave the caller anonymous, and the module answers 401;</li>
 *   <li>a 401 gets BASIC's challenge ({@code WWW-Authenticate: Basic realm="…"}, the realm from the init parameter
 *       {@code realm}); other answers stay as the module wrote them.</li>
 * </ul>
 *
 * Leave it out if the application offers no BASIC login: a browser shows its own login dialog for a BASIC challenge.
 * Credentials are never logged or echoed.
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
        if (request.getUserPrincipal() == null) {
            String[] credentials = basicCredentials(request.getHeader("Authorization"));
            if (credentials != null) {
                try {
                    request.login(credentials[0], credentials[1]);
                } catch (ServletException refused) {
                    // wrong credentials: nobody is logged in, and the module answers 401 UNAUTHENTICATED
                }
            }
        }
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

    /** @return user and password of a well-formed {@code Basic} header, else {@code null} */
    private static String[] basicCredentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon <= 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }
}
