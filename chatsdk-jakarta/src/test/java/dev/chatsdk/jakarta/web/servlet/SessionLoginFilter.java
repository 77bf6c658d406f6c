package dev.chatsdk.jakarta.web.servlet;

import java.io.IOException;
import java.security.Principal;
import java.util.Set;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;

import dev.chatsdk.jakarta.TestUsers;

/**
 * An application that keeps its login in the HTTP session, as many do: its login page ({@link SessionServlet}) stores
 * the user and the chat role in the session, and this filter, before the module's, makes every later request that
 * brings only the session cookie that user's. A request with an {@code Authorization} header is left to the
 * container's BASIC login.
 */
public class SessionLoginFilter implements Filter {
    static final String USER = "app.login.user";

    /** Keeps the request's logged-in user (and whether they have the chat role) in the session. */
    static void keep(HttpServletRequest request, HttpSession session) {
        session.setAttribute(USER, request.getUserPrincipal().getName());
        session.setAttribute(USER + ".chat", request.isUserInRole(TestUsers.CHAT_ROLE));
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        HttpSession session = http.getHeader("Authorization") == null ? http.getSession(false) : null;
        Object user = null;
        Object chat = null;
        try {
            user = session == null ? null : session.getAttribute(USER);
            chat = session == null ? null : session.getAttribute(USER + ".chat");
        } catch (IllegalStateException invalidated) {
            user = null;
        }
        if (!(user instanceof String)) {
            chain.doFilter(request, response);
            return;
        }
        String name = (String) user;
        Set<String> roles = Boolean.TRUE.equals(chat) ? Set.of(TestUsers.CHAT_ROLE) : Set.of();
        chain.doFilter(new HttpServletRequestWrapper(http) {
            @Override
            public Principal getUserPrincipal() {
                return () -> name;
            }

            @Override
            public String getRemoteUser() {
                return name;
            }

            @Override
            public boolean isUserInRole(String role) {
                return roles.contains(role);
            }

            @Override
            public String getAuthType() {
                return "FORM";
            }
        }, response);
    }
}
