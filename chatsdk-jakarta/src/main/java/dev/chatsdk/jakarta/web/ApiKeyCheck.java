package dev.chatsdk.jakarta.web;

import java.util.List;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ErrorCode;

/**
 * The {@code X-API-Key} rules of the token API ({@code POST {api-base}/tokens}, user revocation) and of the health
 * details: which keys are accepted (decided once by the core, {@code ChatSdkInternals.acceptedApiKeys()}), and how a
 * missing, repeated or wrong key is refused and counted. Thread-safe.
 */
final class ApiKeyCheck {
    private final ChatSdkConfig config;
    private final ApiKeys keys;
    private final RateLimits limits;

    /** @param accepted the keys callers may present; empty: the token API is off */
    ApiKeyCheck(ChatSdkConfig config, List<String> accepted, RateLimits limits) {
        this.config = config;
        this.keys = new ApiKeys(accepted);
        this.limits = limits;
    }

    /** @return whether the token API is on (some key is accepted) */
    boolean on() {
        return !keys.isEmpty();
    }

    /** Whether the request carries exactly one valid API key; decides nothing and counts nothing. */
    boolean valid(ChatRequest request) {
        String key = request.header("X-API-Key");
        return !keys.isEmpty() && key != null && !key.isBlank() && request.headers("X-API-Key").size() == 1
                && keys.matches(key);
    }

    /** @return whether the request carries a valid API key for the health details; {@code false} when it carries none */
    boolean presentsHealthKey(ChatRequest request) {
        if (request.headers("X-API-Key").isEmpty()) {
            return false;
        }
        if (keys.isEmpty()) {
            throw new ChatSdkException(ErrorCode.INVALID_API_KEY, String.format("No API key shows the health details "
                    + "here; ask without X-API-Key, or set '%s'.", ChatSdkConfig.Keys.HEALTH_DETAILS));
        }
        require(request);
        return true;
    }

    /** @throws ChatSdkException unless the request carries one of the accepted API keys */
    void require(ChatRequest request) {
        if (keys.isEmpty()) {
            throw new ChatSdkException(ErrorCode.TOKEN_API_DISABLED, ChatSdkConfig.REMOTE.equals(config.issuer())
                    ? "The token API is off with the remote issuer; it must not relay this server's API key for callers."
                    : String.format("The token API is off because '%s' is not set.", ChatSdkConfig.Keys.WEB_API_KEYS));
        }
        limits.beforeApiKey(request);
        String key = request.header("X-API-Key");
        if (key == null || key.isBlank()) {
            limits.failedApiKey(request);
            throw new ChatSdkException(ErrorCode.MISSING_API_KEY, "The X-API-Key header is missing.");
        }
        if (request.headers("X-API-Key").size() > 1) {
            // which of two keys would count differs from server to server (first, last, joined): refuse both
            limits.failedApiKey(request);
            throw new ChatSdkException(ErrorCode.INVALID_API_KEY, "Send one X-API-Key header, not several.");
        }
        if (!keys.matches(key)) {
            limits.failedApiKey(request);
            throw new ChatSdkException(ErrorCode.INVALID_API_KEY, "The X-API-Key header does not hold a valid API key.");
        }
    }

    @Override
    public String toString() {
        return "ApiKeyCheck[tokenApi=" + (on() ? "on" : "off") + "]";
    }
}
