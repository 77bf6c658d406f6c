package dev.chatsdk.jakarta.web;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ErrorCode;

/**
 * What browsers need: the guide's "more secure" option of keeping the refresh token in an HttpOnly
 * {@code __Host-} cookie ({@code chatsdk.web.refresh-cookie}), with a CSRF defence on the requests it
 * authenticates (only same-origin fetches, or origins listed in {@code chatsdk.web.cors.allowed-origins}),
 * and CORS for exactly those origins. The {@code __Host-} prefix makes browsers refuse the cookie unless it
 * is {@code Secure}, host-only and {@code Path=/}, so no subdomain can plant or read it. Thread-safe.
 */
final class BrowserMode {
    static final String COOKIE = "__Host-chatsdk-refresh";
    private static final String EXPOSED = "X-Request-ID, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, "
            + "X-RateLimit-Reset, X-ChatSDK-Handler";

    private final ChatSdkConfig config;

    BrowserMode(ChatSdkConfig config) {
        this.config = config;
    }

    boolean cookies() {
        return config.web().refreshCookie();
    }

    String setCookie(String refreshToken) {
        return String.format("%s=%s; Path=/; Max-Age=%d; Secure; HttpOnly; SameSite=Strict", COOKIE, refreshToken,
                config.token().refreshTtl().toSeconds());
    }

    String clearCookie() {
        return COOKIE + "=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Strict";
    }

    /**
     * @return the refresh token of the cookie, or {@code null} without browser mode or cookie
     * @throws ChatSdkException with {@code INVALID_REFRESH_TOKEN} when the cookie came with a cross-site request
     */
    String cookieToken(ChatRequest request) {
        if (!cookies()) {
            return null;
        }
        String token = cookie(request.header("Cookie"));
        if (token == null) {
            return null;
        }
        if (!fromAllowedPage(request)) {
            throw new ChatSdkException(ErrorCode.INVALID_REFRESH_TOKEN,
                    "The refresh cookie came with a request from another site, which is not allowed to use it.");
        }
        return token;
    }

    /**
     * Whether the page that sent a cookie may use it. {@code Sec-Fetch-Site}, when sent, is the browser's own verdict
     * (redirects included): {@code same-origin} passes, anything else needs an allowed {@code Origin}. Without it
     * (Safari before 16.4, or a proxy that strips it) the {@code Origin} decides: the request's own origin or an
     * allowed one passes; {@code null} (a sandboxed frame, a cross-origin redirect, a {@code file:} page) and every
     * other origin is refused. With neither header the request is no browser's cross-site request: every current
     * browser sends {@code Origin} on a cross-site POST, and the cookie is {@code SameSite=Strict} anyway.
     */
    boolean fromAllowedPage(ChatRequest request) {
        String site = request.header("Sec-Fetch-Site");
        String origin = request.header("Origin");
        if (site != null) {
            return site.equals("same-origin") || allowed(origin);
        }
        return origin == null || allowed(origin) || origin.equals(Origins.ownHttps(request.header("Host")));
    }

    private boolean allowed(String origin) {
        return origin != null && config.web().cors().allowedOrigins().contains(origin);
    }

    private static String cookie(String header) {
        if (header == null) {
            return null;
        }
        for (String pair : header.split(";")) {
            String p = pair.trim();
            if (p.startsWith(COOKIE + "=")) {
                String value = p.substring(COOKIE.length() + 1);
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    /** @return the answer to a CORS preflight, or {@code null} when the request is none */
    ChatResponse preflight(ChatRequest request, String requestId) {
        if (!"OPTIONS".equals(request.method()) || request.header("Access-Control-Request-Method") == null) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>(cors(request));
        if (!headers.isEmpty()) {
            headers.put("Access-Control-Allow-Methods", "GET, POST");
            headers.put("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Request-ID");
            headers.put("Access-Control-Max-Age", "600");
        }
        headers.put("Vary", "Origin");
        return Responses.empty(204, headers, requestId);
    }

    /** @return the CORS headers of an actual request: only for an allowed origin, credentials only in browser mode */
    Map<String, String> cors(ChatRequest request) {
        String origin = request.header("Origin");
        if (!allowed(origin)) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Access-Control-Allow-Origin", origin);
        headers.put("Vary", "Origin");
        headers.put("Access-Control-Expose-Headers", EXPOSED);
        if (cookies()) {
            headers.put("Access-Control-Allow-Credentials", "true");
        }
        return headers;
    }
}
