package dev.chatsdk.jakarta.web.servlet;

import java.io.IOException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatTokens;
import dev.chatsdk.jakarta.ChatUser;

/**
 * An application's own endpoint (say, its login) that issues chat tokens in code, taking the
 * module from the servlet context, without CDI.
 */
public class AppLoginServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ChatSdk chatSdk = (ChatSdk) getServletContext().getAttribute(ChatSdk.ATTRIBUTE);
        ChatTokens tokens = chatSdk.issue(ChatUser.builder(request.getParameter("user"))
                .name(request.getParameter("name")).claim("plan", "pro").build());
        response.setContentType("text/plain");
        response.getWriter().write(tokens.accessToken());
    }
}
