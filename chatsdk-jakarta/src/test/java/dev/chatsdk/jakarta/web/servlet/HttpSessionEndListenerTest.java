package dev.chatsdk.jakarta.web.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.web.HttpSessionEnds.Ending;
import jakarta.servlet.http.HttpSession;

/** How an ended HTTP session is told apart: the container's own expiry rule, then the request thread. */
class HttpSessionEndListenerTest {
    private static HttpSession session(long lastAccessed, int maxInactiveSeconds) {
        return (HttpSession) Proxy.newProxyInstance(HttpSessionEndListenerTest.class.getClassLoader(),
                new Class<?>[] {HttpSession.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getLastAccessedTime":
                            return lastAccessed;
                        case "getMaxInactiveInterval":
                            return maxInactiveSeconds;
                        default:
                            return null;
                    }
                });
    }

    @Test
    void anIdleSessionExpiredOnAnyThread() {
        assertThat(HttpSessionEndListener.ending(session(1_000, 60), 61_000, false)).isEqualTo(Ending.EXPIRY);
        assertThat(HttpSessionEndListener.ending(session(1_000, 60), 61_000, true)).isEqualTo(Ending.EXPIRY);
    }

    @Test
    void anActiveSessionEndedOnARequestIsALogoutAndElsewhereNeither() {
        assertThat(HttpSessionEndListener.ending(session(1_000, 60), 60_999, true)).isEqualTo(Ending.LOGOUT);
        assertThat(HttpSessionEndListener.ending(session(1_000, 60), 60_999, false)).isEqualTo(Ending.OTHER);
        assertThat(HttpSessionEndListener.ending(session(1_000, -1), 9_000_000, false)).isEqualTo(Ending.OTHER);
        assertThat(HttpSessionEndListener.ending(session(1_000, 0), 9_000_000, true)).isEqualTo(Ending.LOGOUT);
    }
}
