package dev.chatsdk.example.ee;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The application's logout: {@code POST /api/logout} (behind web.xml's {@code /api/*} constraint) logs the caller out
 * and ends the HTTP session; 204. Nothing ChatSDK-specific: the module sees the session end on this request and
 * revokes the chat sessions whose tokens the token endpoint issued within it ({@code chatsdk.web.logout-ends}).
 */
@WebServlet("/api/logout")
public class LogoutServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        request.logout();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
