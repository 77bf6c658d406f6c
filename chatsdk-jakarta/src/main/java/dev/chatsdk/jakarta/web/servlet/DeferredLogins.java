package dev.chatsdk.jakarta.web.servlet;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The request's principal, also where Jetty 12's lazy login fails. The token endpoint has no security constraint of
 * its own, so Jetty logs a BASIC (or other) header in only when the module first asks for the principal. When the
 * request brings an HTTP session that no logged-in request has touched yet, Jetty then marks the session as
 * authenticated and renews its id (against session fixation), but through a stand-in response that reports itself
 * committed, so the renewal throws {@link IllegalStateException} and the request would fail with 500. The session is
 * already marked then; so the module renews the id itself, on the real response, which is not committed (nothing is
 * written before the principal is known), and asks again, which now succeeds. Nothing changes on any other container
 * or request: they never throw here.
 */
final class DeferredLogins {
    private DeferredLogins() {
    }

    /**
     * @param request the request
     * @return its principal, or {@code null} when no one is logged in
     * @throws IllegalStateException when the container still cannot log the request in after the session's id was
     *                               renewed, or there is no session to renew
     */
    static Principal principal(HttpServletRequest request) {
        try {
            return request.getUserPrincipal();
        } catch (IllegalStateException renewalFailed) {
            if (request.getSession(false) == null) {
                throw renewalFailed;
            }
            // what the container's login meant to do, on the response that is not committed
            request.changeSessionId();
            return request.getUserPrincipal();
        }
    }
}
