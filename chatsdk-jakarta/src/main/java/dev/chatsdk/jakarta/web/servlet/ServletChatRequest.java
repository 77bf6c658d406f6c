package dev.chatsdk.jakarta.web.servlet;

import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import dev.chatsdk.jakarta.web.ChatRequest;
import dev.chatsdk.jakarta.web.HttpSessionEnds;
import dev.chatsdk.jakarta.web.RequestAttributes;

/** A servlet request seen as a {@link ChatRequest}. */
final class ServletChatRequest implements ChatRequest {
    private final HttpServletRequest request;
    /** What {@link #principal} last returned. */
    private Principal principal;

    ServletChatRequest(HttpServletRequest request) {
        this.request = request;
    }

    static String path(HttpServletRequest request) {
        String info = request.getPathInfo();
        return info == null ? request.getServletPath() : request.getServletPath() + info;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String path() {
        return path(request);
    }

    /** The request URI (never decoded) after the context path, which the container gives in the same raw form. */
    @Override
    public String rawPath() {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return uri != null && context != null && uri.startsWith(context) ? uri.substring(context.length()) : null;
    }

    @Override
    public String header(String name) {
        return request.getHeader(name);
    }

    @Override
    public java.util.List<String> headers(String name) {
        java.util.Enumeration<String> lines = request.getHeaders(name);
        return lines == null ? java.util.List.of() : java.util.Collections.list(lines);
    }

    @Override
    public Principal principal() {
        principal = DeferredLogins.principal(request);
        return principal;
    }

    @Override
    public Principal knownPrincipal() {
        return principal;
    }

    @Override
    public boolean isUserInRole(String role) {
        return request.isUserInRole(role);
    }

    @Override
    public Object attribute(String name) {
        return attribute(request, name);
    }

    @Override
    public HttpSessionEnds.Recorded recordChatSession(String userId, String sessionId) {
        return HttpSessionEndListener.record(request, userId, sessionId);
    }

    @Override
    public String remoteAddress() {
        return request.getRemoteAddr();
    }

    /** The request's attribute, else the existing session's (no session is created); also lends the peer address and the recorder of chat sessions. */
    static Object attribute(HttpServletRequest request, String name) {
        if (RequestAttributes.REMOTE_ADDRESS.equals(name)) {
            return request.getRemoteAddr();
        }
        if (RequestAttributes.CHAT_SESSION_RECORDER.equals(name)) {
            return (java.util.function.BiFunction<String, String, HttpSessionEnds.Recorded>) (userId, sessionId)
                    -> HttpSessionEndListener.record(request, userId, sessionId);
        }
        Object value = request.getAttribute(name);
        if (value != null) {
            return value;
        }
        HttpSession session = request.getSession(false);
        return session == null ? null : session.getAttribute(name);
    }

    @Override
    public long contentLength() {
        return request.getContentLengthLong();
    }

    @Override
    public InputStream body() throws IOException {
        return request.getInputStream();
    }
}
