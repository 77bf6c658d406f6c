package dev.chatsdk.jakarta.web.servlet;

import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

import dev.chatsdk.jakarta.web.HttpSessionEnds;
import dev.chatsdk.jakarta.web.LoginChatSessions;

/**
 * Revokes the chat sessions started within an HTTP session when the application ends it (its logout), and, when
 * configured, when it expires; registered by {@link ChatSdkInitializer}.
 *
 * <p>How the HTTP session ended is told apart by the container's own rules, not by timing: a session idle for at least
 * its maximum inactive interval expired, whichever thread ends it (Tomcat and Jetty also expire one on the request
 * that next brings its cookie); any other session destroyed on a thread that is answering a request of this
 * application was invalidated by the application; any other still (the container stopping, a redeployment, a
 * passivation) ended neither way, and nothing is revoked. Request threads are marked by this class as a
 * {@link ServletRequestListener}.
 *
 * <p>Which logins are tied to an HTTP session: a token request that brings the session cookie alone (a login the
 * session keeps: form, OpenID Connect code flow, the application's own); and one that brings its own credentials only
 * when the same user's request with credentials created that session ({@link #sessionCreated}).
 */
final class HttpSessionEndListener implements HttpSessionListener, ServletRequestListener {
    /** Striped locks, so that two requests of one HTTP session do not lose each other's chat session. */
    private static final Object[] LOCKS = new Object[64];
    private static final ThreadLocal<Integer> ON_REQUEST = new ThreadLocal<>();
    /** The outermost request this thread answers, for {@link #sessionCreated}. */
    private static final ThreadLocal<HttpServletRequest> REQUEST = new ThreadLocal<>();
    /**
     * HTTP session attribute: the name of the principal whose request, bringing its own credentials, created the
     * session; only that user's requests with credentials are tied to it.
     */
    static final String CREATED_BY = "dev.chatsdk.jakarta.session-created-by";

    static {
        for (int i = 0; i < LOCKS.length; i++) {
            LOCKS[i] = new Object();
        }
    }

    private final HttpSessionEnds ends;

    HttpSessionEndListener(HttpSessionEnds ends) {
        this.ends = ends;
    }

    /**
     * Records a chat session in the request's existing HTTP session; creates none.
     *
     * @return in which HTTP session, with the oldest chat session it no longer holds; none; or one already ended
     */
    static HttpSessionEnds.Recorded record(HttpServletRequest request, String userId, String sessionId) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return HttpSessionEnds.Recorded.NONE;
        }
        try {
            if (request.getHeader("Authorization") != null && !createdBy(session, request)) {
                return HttpSessionEnds.Recorded.NONE;
            }
            String id = session.getId();
            synchronized (LOCKS[Math.floorMod(id.hashCode(), LOCKS.length)]) {
                Object previous = session.getAttribute(LoginChatSessions.ATTRIBUTE);
                LoginChatSessions next = LoginChatSessions.with(previous, userId, sessionId);
                session.setAttribute(LoginChatSessions.ATTRIBUTE, next);
                return HttpSessionEnds.Recorded.in(id, next.droppedFrom(previous));
            }
        } catch (IllegalStateException invalidated) {
            return HttpSessionEnds.Recorded.INVALIDATED;
        }
    }

    /**
     * A request that brings its own credentials (BASIC, a bearer token) is tied to the HTTP session whose cookie it
     * carries only when a request of the same user with credentials created that session (the application's login page
     * behind BASIC, say): a session cookie of someone else's, planted in a client, must not let that person's logout
     * end this user's chat sessions.
     */
    private static boolean createdBy(HttpSession session, HttpServletRequest request) {
        Object creator = session.getAttribute(CREATED_BY);
        java.security.Principal principal = request.getUserPrincipal();
        return creator != null && principal != null && creator.equals(principal.getName());
    }

    @Override
    public void requestInitialized(ServletRequestEvent event) {
        Integer depth = ON_REQUEST.get();
        ON_REQUEST.set(depth == null ? 1 : depth + 1);
        if (depth == null && event.getServletRequest() instanceof HttpServletRequest) {
            REQUEST.set((HttpServletRequest) event.getServletRequest());
        }
    }

    @Override
    public void requestDestroyed(ServletRequestEvent event) {
        Integer depth = ON_REQUEST.get();
        if (depth == null || depth <= 1) {
            ON_REQUEST.remove();
            REQUEST.remove();
        } else {
            ON_REQUEST.set(depth - 1);
        }
    }

    /** Notes who created the session, when the creating request brought its own credentials and is logged in. */
    @Override
    public void sessionCreated(HttpSessionEvent event) {
        HttpServletRequest request = REQUEST.get();
        if (request == null || request.getHeader("Authorization") == null) {
            return;
        }
        try {
            java.security.Principal principal = request.getUserPrincipal();
            if (principal != null) {
                event.getSession().setAttribute(CREATED_BY, principal.getName());
            }
        } catch (RuntimeException notNow) {
            // a container's deferred login that cannot complete here: the session stays untied to credentials
        }
    }

    /**
     * Marks the HTTP session ended before reading what it holds, so that a token request recording into it at this very
     * moment either is read here or finds the mark ({@link HttpSessionEnds#settle}).
     */
    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        HttpSession session = event.getSession();
        Object recorded;
        HttpSessionEnds.Ending ending;
        try {
            ending = ending(session, System.currentTimeMillis(), ON_REQUEST.get() != null);
            ends.markEnded(session.getId(), ending);
            recorded = session.getAttribute(LoginChatSessions.ATTRIBUTE);
        } catch (IllegalStateException gone) {
            return;
        }
        ends.ended(recorded, ending);
    }

    /** The container's expiry rule first, then whether the application's request ended it. */
    static HttpSessionEnds.Ending ending(HttpSession session, long now, boolean onRequest) {
        long maxInactive = session.getMaxInactiveInterval() * 1000L;
        if (maxInactive > 0 && now - session.getLastAccessedTime() >= maxInactive) {
            return HttpSessionEnds.Ending.EXPIRY;
        }
        return onRequest ? HttpSessionEnds.Ending.LOGOUT : HttpSessionEnds.Ending.OTHER;
    }
}
