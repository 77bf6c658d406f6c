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
 * Answers 204; a cross-site form cannot log anyone out, because the session cookie is {@code SameSite=Strict}.
 */
final class LogoutServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        request.logout();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
