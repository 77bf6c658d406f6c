package dev.chatsdk.jakarta.web;

import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;

/** What {@link ChatTokenService} needs of an HTTP request; each web adapter implements it. */
public interface ChatRequest {
    /** @return the HTTP method, upper case */
    String method();

    /** @return the decoded path below the context (or JAX-RS application) root, starting with {@code /} */
    String path();

    /**
     * @return the path below the context (or JAX-RS application) root as the client sent it: not percent-decoded, with
     *         any {@code ;parameters} and dot segments kept (where {@link #path()} has them stripped or resolved); or
     *         {@code null} when the framework cannot tell
     */
    String rawPath();

    /** @return the first value of a header, or {@code null} */
    String header(String name);

    /**
     * @return every line of a header, in the order received (a proxy may add its own line); by default the first
     *         value only, for adapters whose framework joins the lines
     */
    default java.util.List<String> headers(String name) {
        String value = header(name);
        return value == null ? java.util.List.of() : java.util.List.of(value);
    }

    /** @return the authenticated principal, or {@code null} */
    Principal principal();

    /**
     * The principal when knowing it costs nothing more, for naming the user in a rejection's audit event: a servlet
     * request gives the one {@link #principal} already returned and {@code null} when nothing asked (on Jetty, asking
     * runs the deferred authentication of an unconstrained path, a twentieth of a rejected refresh).
     *
     * @return the authenticated principal when already known, else {@code null}
     */
    default Principal knownPrincipal() {
        return principal();
    }

    /** @return whether the authenticated user has the role */
    boolean isUserInRole(String role);

    /** @return the request attribute, else the existing session's attribute, or {@code null} */
    Object attribute(String name);

    /**
     * Records in the request's existing HTTP session, never creating one, that a chat session was started in it, so
     * that its end can revoke it ({@link HttpSessionEnds}). The default records nothing: a framework without HTTP
     * sessions.
     *
     * @param userId    the user the tokens were issued to
     * @param sessionId the chat session's id (never a token)
     * @return where it was recorded: in which HTTP session, in none, or in one already ended
     */
    default HttpSessionEnds.Recorded recordChatSession(String userId, String sessionId) {
        return HttpSessionEnds.Recorded.NONE;
    }

    /** @return the address of the peer that sent the request, or {@code null} when the framework does not tell */
    String remoteAddress();

    /** @return the declared body length, or -1 when unknown */
    long contentLength();

    /** @return the body; read at most what the service asks for */
    InputStream body() throws IOException;
}
