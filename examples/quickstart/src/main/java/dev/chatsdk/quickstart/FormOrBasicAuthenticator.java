package dev.chatsdk.quickstart;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.security.AuthenticationState;
import org.eclipse.jetty.security.ServerAuthException;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.security.authentication.FormAuthenticator;
import org.eclipse.jetty.security.authentication.SessionAuthentication;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Session;
import org.eclipse.jetty.util.Callback;

/**
 * The container's two ways in, as many real applications have them: the page's login form (standard
 * Jakarta EE form login, {@code POST j_security_check} with {@code j_username} and {@code j_password}, then
 * a session cookie), and HTTP BASIC for curl and scripts.
 *
 * <ul>
 *   <li>A request with an {@code Authorization} header is BASIC, whatever its session (one that is not
 *       Base64 counts as none); BASIC leaves the session alone.</li>
 *   <li>{@code j_security_check} logs in and keeps the user in the session, then redirects to the page
 *       ({@link #LOGIN_FAILED_PAGE} when the password is wrong).</li>
 *   <li>A request whose session holds a login is that user.</li>
 *   <li>Anything else that needs a login gets BASIC's challenge, 401 with {@code WWW-Authenticate}, as
 *       before: a form login never redirects an API call to a page.</li>
 *   <li>Where the container requires no login (the token endpoint, see {@link Quickstart}) the same rules
 *       run lazily, when the application asks for the user; nobody logged in is then the application's to
 *       answer (the module's JSON 401), never this authenticator's challenge page.</li>
 * </ul>
 */
final class FormOrBasicAuthenticator extends FormAuthenticator {
    /** Where the login form is: the page itself. */
    static final String LOGIN_PAGE = "/";
    /** Where a failed form login lands. */
    static final String LOGIN_FAILED_PAGE = "/?login=failed";

    private final BasicAuthenticator basic = new BasicAuthenticator();

    FormOrBasicAuthenticator() {
        super(LOGIN_PAGE, LOGIN_FAILED_PAGE, false);
    }

    @Override
    public void setConfiguration(Configuration configuration) {
        super.setConfiguration(configuration);
        basic.setConfiguration(configuration);
    }

    @Override
    public AuthenticationState validateRequest(Request request, Response response, Callback callback)
            throws ServerAuthException {
        boolean formLogin = isJSecurityCheck(Request.getPathInContext(request));
        if (!formLogin && (request.getHeaders().contains(HttpHeader.AUTHORIZATION) || !loggedInBySession(request))) {
            // BASIC is per request: it never touches (renews) the form login's session. On the token endpoint the
            // container authenticates lazily, when the application first asks for the user, after the response
            // can no longer take a new session cookie; a renewal there failed the request with a 500.
            Request stateless = withoutSession(request);
            try {
                return basic.validateRequest(stateless, response, callback);
            } catch (IllegalArgumentException notBase64) {
                // "Basic !!!": no credentials at all, so the same challenge as without the header (not a 500)
                return basic.validateRequest(withoutAuthorization(stateless), response, callback);
            }
        }
        return super.validateRequest(request, response, callback);
    }

    private static Request withoutSession(Request request) {
        return new Request.Wrapper(request) {
            @Override
            public Session getSession(boolean create) {
                return null;
            }
        };
    }

    private static Request withoutAuthorization(Request request) {
        HttpFields headers = HttpFields.build(request.getHeaders()).remove(HttpHeader.AUTHORIZATION).asImmutable();
        return new Request.Wrapper(request) {
            @Override
            public HttpFields getHeaders() {
                return headers;
            }
        };
    }

    /**
     * Form authentication restores here a request that was interrupted by a redirect to the login page; this
     * authenticator never redirects there (it challenges with BASIC instead), so there is nothing to restore,
     * and a BASIC request may well have no session.
     */
    @Override
    public Request prepareRequest(Request request, AuthenticationState authenticationState) {
        return request;
    }

    private static boolean loggedInBySession(Request request) {
        Session session = request.getSession(false);
        return session != null
                && session.getAttribute(SessionAuthentication.AUTHENTICATED_ATTRIBUTE) instanceof AuthenticationState.Succeeded;
    }
}
