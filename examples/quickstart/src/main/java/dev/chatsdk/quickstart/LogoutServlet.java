package dev.chatsdk.quickstart;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * {@code POST /logout}: ends the form login (the container's session). The chat session is the page's to end
 * first, with its refresh token at {@code /chatsdk/auth/logout}: the server cannot tell which chat sessions
 * belong to this browser. Answers 204; a cross-site form cannot log anyone out, because the session cookie is
 * {@code SameSite=Strict}.
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
