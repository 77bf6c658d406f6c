package dev.chatsdk.jakarta.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpRequest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * docs/sessions.md, "Logout": the application's own logout ({@code request.logout()} and {@code session.invalidate()}) ends the
 * chat sessions whose tokens the token endpoint issued within that HTTP session, and no other, as
 * {@code chatsdk.web.logout-ends=sessions} (the default) promises. Needs the application's two paths:
 * {@code chatsdk.tck.session-path}, a page behind its login that starts the HTTP session ({@code GET}), and
 * {@code chatsdk.tck.logout-path}, its logout ({@code POST}). The kit is the browser: it keeps the cookies it is given
 * and sends the allowed user's credentials on every call of the application.
 */
@Tag(TckTags.APP_LOGOUT)
public class AppLogoutTck extends TckHttp {
    @Test
    void theApplicationsLogoutEndsTheChatSessionsOfThatLoginOnly() {
        String logoutPath = logoutPath();
        CookieJar browser = new CookieJar();
        startSession(browser);
        // a second page within the login, as a browser loads them
        startSession(browser);
        Reply inSession = tokensWithin(browser);
        assertThat(inSession.status()).as("token within the HTTP session (" + browser + "): " + inSession).isEqualTo(200);
        String apart = text(login(), "refreshToken");
        Reply rotated = refresh(api("/auth/refresh"), text(inSession.json(), "refreshToken"));
        assertThat(rotated.status()).as("refresh before the logout: " + rotated).isEqualTo(200);

        Reply logout = within(browser, request(logoutPath).header("Authorization", allowedUser())
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(logout.status()).as("POST " + logoutPath + " (" + browser + "): " + logout).isBetween(200, 399);

        assertError(refresh(api("/auth/refresh"), text(rotated.json(), "refreshToken")), 401, "SESSION_REVOKED");
        Reply kept = refresh(api("/auth/refresh"), apart);
        assertThat(kept.status()).as("the same user's chat session fetched without the HTTP session: " + kept).isEqualTo(200);
    }

    @Test
    void issuesTokensOnTheFirstCallAfterTheHttpSessionStarted() {
        logoutPath();
        CookieJar browser = new CookieJar();
        startSession(browser);

        // a single-page application: its login page starts the HTTP session, then its chat asks for tokens at once
        Reply inSession = tokensWithin(browser);

        assertThat(inSession.status()).as("token right after the HTTP session started (" + browser + "): " + inSession)
                .isEqualTo(200);
        Reply logout = within(browser, request(logoutPath()).header("Authorization", allowedUser())
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(logout.status()).as("POST " + logoutPath() + ": " + logout).isBetween(200, 399);
        assertError(refresh(api("/auth/refresh"), text(inSession.json(), "refreshToken")), 401, "SESSION_REVOKED");
    }

    /** @return the declared logout path, or skip the test when the two paths are not both declared */
    private static String logoutPath() {
        String sessionPath = TckTarget.get("session-path");
        String logoutPath = TckTarget.get("logout-path");
        assumeTrue(sessionPath != null && logoutPath != null, "needs chatsdk.tck.session-path and chatsdk.tck.logout-path "
                + "(a page of the application behind its login that starts the HTTP session, and its logout)");
        return logoutPath;
    }

    /** {@code GET} the session path with the allowed user's credentials: it must answer 200 and leave a cookie. */
    private static void startSession(CookieJar browser) {
        String sessionPath = TckTarget.get("session-path");
        Reply session = within(browser, request(sessionPath).header("Authorization", allowedUser()).GET());
        assertThat(session.status()).as("GET " + sessionPath + ": " + session).isEqualTo(200);
        assertThat(browser.isEmpty()).as("a cookie from GET " + sessionPath + ", which must start the HTTP session").isFalse();
    }

    private static Reply tokensWithin(CookieJar browser) {
        return within(browser, request(TckTarget.tokenPath()).header("Authorization", allowedUser())
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** @return the answer to a request of this browser, its cookies kept */
    private static Reply within(CookieJar browser, HttpRequest.Builder request) {
        Reply reply = send(browser.onto(request));
        browser.keep(reply);
        return reply;
    }
}
