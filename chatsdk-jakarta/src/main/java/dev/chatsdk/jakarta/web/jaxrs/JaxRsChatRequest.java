package dev.chatsdk.jakarta.web.jaxrs;

import java.io.InputStream;
import java.security.Principal;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import dev.chatsdk.jakarta.web.ChatRequest;
import dev.chatsdk.jakarta.web.HttpSessionEnds;
import dev.chatsdk.jakarta.web.RequestAttributes;

/** A JAX-RS request seen as a {@link ChatRequest}. */
final class JaxRsChatRequest implements ChatRequest {
    private final Request request;
    private final UriInfo uri;
    private final HttpHeaders headers;
    private final SecurityContext security;
    private final InputStream body;

    JaxRsChatRequest(Request request, UriInfo uri, HttpHeaders headers, SecurityContext security, InputStream body) {
        this.request = request;
        this.uri = uri;
        this.headers = headers;
        this.security = security;
        this.body = body == null ? InputStream.nullInputStream() : body;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String path() {
        String path = uri.getPath();
        return path.startsWith("/") ? path : "/" + path;
    }

    /** The path relative to the application's base URI, not decoded (matrix parameters kept). */
    @Override
    public String rawPath() {
        String path = uri.getPath(false);
        return path.startsWith("/") ? path : "/" + path;
    }

    @Override
    public String header(String name) {
        return headers.getHeaderString(name);
    }

    /** Every line of the header, in order. */
    @Override
    public java.util.List<String> headers(String name) {
        java.util.List<String> lines = headers.getRequestHeader(name);
        return lines == null ? java.util.List.of() : lines;
    }

    @Override
    public Principal principal() {
        return security == null ? null : security.getUserPrincipal();
    }

    @Override
    public boolean isUserInRole(String role) {
        return security != null && security.isUserInRole(role);
    }

    @Override
    public Object attribute(String name) {
        return RequestAttributes.get(name);
    }

    /** Through the servlet filter's binding, when a servlet container is in front. */
    @Override
    @SuppressWarnings("unchecked")
    public HttpSessionEnds.Recorded recordChatSession(String userId, String sessionId) {
        Object recorder = RequestAttributes.get(RequestAttributes.CHAT_SESSION_RECORDER);
        return recorder instanceof java.util.function.BiFunction
                ? ((java.util.function.BiFunction<String, String, HttpSessionEnds.Recorded>) recorder).apply(userId, sessionId)
                : HttpSessionEnds.Recorded.NONE;
    }

    @Override
    public String remoteAddress() {
        Object address = RequestAttributes.get(RequestAttributes.REMOTE_ADDRESS);
        return address == null ? null : address.toString();
    }

    @Override
    public long contentLength() {
        return headers.getLength();
    }

    @Override
    public InputStream body() {
        return body;
    }
}
