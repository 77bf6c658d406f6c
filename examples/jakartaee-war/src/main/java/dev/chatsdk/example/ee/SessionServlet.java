package dev.chatsdk.example.ee;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The application's login, as its pages see it: {@code GET /api/session} (behind web.xml's {@code /api/*} constraint,
 * so the container has authenticated the caller) starts the HTTP session, or finds it, and answers who is logged in:
 * {@code {"user":"alice"}}. Chat tokens fetched within that session are ended by {@link LogoutServlet}.
 */
@WebServlet("/api/session")
public class SessionServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.getSession(true);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write("{\"user\":\"" + json(request.getUserPrincipal().getName()) + "\"}");
    }

    /** @return the text as the inside of a JSON string */
    private static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
