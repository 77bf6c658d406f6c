package dev.chatsdk.quickstart;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * {@code POST /logout}: ends the form login ({@code logout()}, then {@code invalidate()} of the container's session),
 * and with it the chat sessions of that login: the module recorded, in this HTTP session, the id of each chat session
 * its token endpoint started within it, and revokes them when the application ends the session
 * ({@code chatsdk.web.logout-ends=sessions}, the default); a refresh with their tokens then answers 401
 * {@code SESSION_REVOKED}. Chat sessions of other logins of the same user (another browser, a BASIC client) go on.
 * Answers 204. A cross-site request cannot log anyone out: the session cookie is {@code SameSite=Strict}, and a
 * request that a browser marks as coming from another site or origin ({@code Sec-Fetch-Site}, {@code Origin}: another
 * port of this host, say, which {@code SameSite} counts as the same site) gets 403 and changes nothing.
 */
final class LogoutServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        if (crossOrigin(request)) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":{\"code\":\"CROSS_ORIGIN_LOGOUT\",\"message\":\"A page of another origin "
                    + "cannot log you out.\",\"suggestion\":\"Log out from this application's own page.\"}}");
            return;
        }
        request.logout();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    /** @return whether the browser says the request comes from another origin than this application's */
    static boolean crossOrigin(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !"same-origin".equals(site) && !"none".equals(site)) {
            return true;
        }
        String origin = request.getHeader("Origin");
        String host = request.getHeader("Host");
        return origin != null && (host == null || !origin.equalsIgnoreCase(request.getScheme() + "://" + host));
    }
}
