package dev.chatsdk.jakarta.tck;

import java.net.HttpCookie;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One browser's cookies for the target, as a browser keeps them: every {@code Set-Cookie} of an answer is stored,
 * replaced (a container that renews the session id on a login sends the new one) or, when expired, dropped; every
 * request of that browser carries them all. One target and one path: the kit speaks to a single context root.
 */
final class CookieJar {
    private final Map<String, String> cookies = new LinkedHashMap<>();

    /** Keeps what the answer sets. */
    void keep(TckHttp.Reply reply) {
        for (String header : reply.response.headers().allValues("Set-Cookie")) {
            for (HttpCookie cookie : HttpCookie.parse(header)) {
                if (cookie.getMaxAge() == 0) {
                    cookies.remove(cookie.getName());
                } else {
                    cookies.put(cookie.getName(), cookie.getValue());
                }
            }
        }
    }

    /** @return the request, carrying the kept cookies (if any) */
    HttpRequest.Builder onto(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        return request;
    }

    boolean isEmpty() {
        return cookies.isEmpty();
    }

    /** Names only: the values are session credentials. */
    @Override
    public String toString() {
        return "cookies " + cookies.keySet();
    }
}
