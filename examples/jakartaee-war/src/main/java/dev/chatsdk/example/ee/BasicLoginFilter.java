package dev.chatsdk.example.ee;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * BASIC on the chat token endpoint, which web.xml leaves to the module so that an anonymous caller gets the module's
 * JSON error {@code UNAUTHENTICATED} (with the challenge of {@code chatsdk.web.auth-challenge}) instead of the
 * server's HTML page. Payara authenticates a BASIC header only where web.xml requires a login (WildFly does it
 * anyway), so this filter logs one in with the standard {@code request.login}, against the same realm; wrong
 * credentials leave the caller anonymous, and the module answers 401. Credentials are never logged or echoed.
 */
public class BasicLoginFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

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
        chain.doFilter(request, response);
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
