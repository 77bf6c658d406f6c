package dev.chatsdk.jakarta.web.servlet;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * An application's own session handling, as a login page and a logout link would do it: {@code POST /api/session/start}
 * creates the HTTP session and keeps the login in it ({@link SessionLoginFilter}; with {@code ?idle=<seconds>} its
 * maximum inactive interval), {@code POST /api/session/logout}
 * logs out and invalidates it, {@code GET /api/session/check} tells whether the request still has one.
 */
public class SessionServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        response.setContentType("text/plain");
        if ("/start".equals(request.getPathInfo())) {
            HttpSession session = request.getSession(true);
            SessionLoginFilter.keep(request, session);
            String idle = request.getParameter("idle");
            if (idle != null) {
                session.setMaxInactiveInterval(Integer.parseInt(idle));
            }
            response.getWriter().write("started");
        } else if ("/logout".equals(request.getPathInfo())) {
            request.logout();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            response.getWriter().write(session != null ? "ended" : "none");
        } else {
            response.sendError(404);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().write(request.getSession(false) == null ? "none" : "live");
    }
}
