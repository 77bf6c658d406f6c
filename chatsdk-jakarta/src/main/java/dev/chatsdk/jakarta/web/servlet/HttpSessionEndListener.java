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
 * when the same user's request with credentials created that session ({@link #requestDestroyed}).
 */
final class HttpSessionEndListener implements HttpSessionListener, ServletRequestListener {
    /** Striped locks, so that two requests of one HTTP session do not lose each other's chat session. */
    private static final Object[] LOCKS = new Object[64];
    private static final ThreadLocal<Integer> ON_REQUEST = new ThreadLocal<>();
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
        boolean ownCredentials = request.getHeader("Authorization") != null;
        HttpSession session = request.getSession(false);
        if (session == null) {
            // a login the session kept, whose session the application ended while the tokens were being issued
            return !ownCredentials && request.getRequestedSessionId() != null && request.getUserPrincipal() != null
                    ? HttpSessionEnds.Recorded.INVALIDATED : HttpSessionEnds.Recorded.NONE;
        }
        try {
            if (ownCredentials && !createdBy(session, request)) {
                return HttpSessionEnds.Recorded.NONE;
            }
            String id = session.getId();
            // by the session object, not its id: a login renewing the id must not let two requests record apart
            synchronized (LOCKS[Math.floorMod(System.identityHashCode(session), LOCKS.length)]) {
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
    }

    @Override
    public void requestDestroyed(ServletRequestEvent event) {
        if (event.getServletRequest() instanceof HttpServletRequest) {
            noteCreator((HttpServletRequest) event.getServletRequest());
        }
        Integer depth = ON_REQUEST.get();
        if (depth == null || depth <= 1) {
            ON_REQUEST.remove();
        } else {
            ON_REQUEST.set(depth - 1);
        }
    }

    /**
     * Notes who created the request's HTTP session, when this request created it (it is still new), brought its own
     * credentials and is logged in. Done as the request ends (on whichever thread the container ends it), before its
     * answer is complete, so the session's next request finds the note.
     */
    private static void noteCreator(HttpServletRequest request) {
        if (request.getHeader("Authorization") == null) {
            return;
        }
        try {
            HttpSession session = request.getSession(false);
            if (session == null || !session.isNew() || session.getAttribute(CREATED_BY) != null) {
                return;
            }
            java.security.Principal principal = request.getUserPrincipal();
            if (principal != null) {
                session.setAttribute(CREATED_BY, principal.getName());
            }
        } catch (RuntimeException notNow) {
            // an invalidated session, or a container's deferred login that cannot complete now: nothing to note
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
