package dev.chatsdk.jakarta.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ChatTokens;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.spi.ValidatedToken;
import dev.chatsdk.jakarta.token.TokenShape;

/**
 * The endpoints that work on an existing session: refresh, logout and validate. The refresh token
 * comes as {@code Authorization: Bearer} or as the JSON body {@code {refreshToken}} (both the ChatSDK
 * API's and the guide's clients are served).
 */
final class SessionEndpoints {
    private final ChatSdk sdk;
    private final BrowserMode browser;

    SessionEndpoints(ChatSdk sdk, BrowserMode browser) {
        this.sdk = sdk;
        this.browser = browser;
    }

    ChatExchange.Step refresh(ChatRequest request, String requestId) {
        return withRefreshToken(request, token -> {
            TokenShape.check(token, ErrorCode.INVALID_REFRESH_TOKEN);
            ChatTokens tokens = sdk.refresh(token);
            return Responses.tokens(tokens, requestId, browser.cookies() && tokens.refreshToken() != null
                    ? browser.setCookie(tokens.refreshToken()) : null);
        });
    }

    /** RFC 7009: 200 whether or not the token named a live session. */
    ChatExchange.Step logout(ChatRequest request, String requestId) {
        return withRefreshToken(request, token -> loggedOut(token, requestId));
    }

    private ChatResponse loggedOut(String token, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("revoked", TokenShape.wellFormed(token) && sdk.revoke(token));
        if (!sdk.issuer().logoutEndsSession()) {
            body.put("reason", "The ChatSDK API has no per-session logout; the refresh token stays valid until it "
                    + "expires. Discard it on the client.");
        }
        return Responses.ok(body, requestId, browser.cookies() ? Map.of("Set-Cookie", browser.clearCookie()) : Map.of());
    }

    ChatResponse validate(ChatRequest request, String requestId, boolean realtime) {
        if (!sdk.issuer().validatesTokens()) {
            throw new ChatSdkException(ErrorCode.TOKEN_API_DISABLED, "Validation needs an issuer that validates "
                    + "tokens, such as the local issuer.");
        }
        String token = authorization(request);
        if (token == null) {
            throw new ChatSdkException(ErrorCode.INVALID_TOKEN, "Send the token as 'Authorization: Bearer <token>'.");
        }
        ValidatedToken valid = sdk.issuer().validate(token, realtime);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("userId", valid.userId());
        payload.put("appId", valid.appId());
        payload.put("subject", valid.subject());
        payload.put("sessionId", valid.session().id());
        payload.put("issuedAt", String.valueOf(valid.issuedAt()));
        payload.put("expiresAt", String.valueOf(valid.expiresAt()));
        payload.put("sessionExpiresAt", String.valueOf(valid.session().expiresAt()));
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", valid.session().user().id());
        user.put("name", valid.session().user().name().orElse(null));
        user.put("image", valid.session().user().avatar().orElse(null));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("valid", true);
        body.put("payload", payload);
        body.put("user", user);
        return Responses.ok(body, requestId);
    }

    /**
     * Runs the endpoint with the refresh token: a JSON body may carry it, so that body is read first (and checked
     * against the header's token); any other request is answered from its headers and cookie alone.
     */
    private ChatExchange.Step withRefreshToken(ChatRequest request, Function<String, ChatResponse> endpoint) {
        if (RequestBodies.isJson(request.header("Content-Type"))) {
            return ChatExchange.Step.body(body -> endpoint.apply(
                    refreshToken(request, body.length > 0 ? RequestBodies.refreshToken(body) : null)));
        }
        return ChatExchange.Step.answer(endpoint.apply(refreshToken(request, null)));
    }

    private String refreshToken(ChatRequest request, String fromBody) {
        String fromHeader = authorization(request);
        if (fromHeader != null && fromBody != null && !fromHeader.equals(fromBody)) {
            throw new ChatSdkException(ErrorCode.CONFLICTING_REFRESH_TOKENS,
                    "The Authorization header and the body carry different refresh tokens.");
        }
        String token = fromHeader != null ? fromHeader : fromBody != null ? fromBody : browser.cookieToken(request);
        if (token == null || token.isBlank()) {
            throw new ChatSdkException(ErrorCode.MISSING_REFRESH_TOKEN, "No refresh token was sent.");
        }
        return token;
    }

    /**
     * @return the bearer credentials of the request's one {@code Authorization} header, or {@code null}
     * @throws ChatSdkException {@code INVALID_REQUEST} for several {@code Authorization} headers: servers differ in
     *         which line a header read returns, and a proxy in front may read another, so none counts (the session is
     *         left as it was)
     */
    private static String authorization(ChatRequest request) {
        if (request.headers("Authorization").size() > 1) {
            throw new ChatSdkException(ErrorCode.INVALID_REQUEST, "Send one Authorization header, not several.");
        }
        return bearer(request.header("Authorization"));
    }

    /** @return the credentials of an {@code Authorization: Bearer} header, or {@code null} */
    static String bearer(String authorization) {
        if (authorization == null || authorization.length() < 7
                || !authorization.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
