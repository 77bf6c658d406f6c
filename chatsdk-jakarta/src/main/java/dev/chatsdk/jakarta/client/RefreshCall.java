package dev.chatsdk.jakarta.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

import dev.chatsdk.jakarta.ChatTokens;
import dev.chatsdk.jakarta.internal.Backoff;
import dev.chatsdk.jakarta.internal.RetryAfter;
import dev.chatsdk.jakarta.internal.Sleeper;

/**
 * The HTTP side of a refresh: POSTs the refresh token to {@code /auth/refresh}, retrying network failures, 429 and
 * 5xx up to {@code maxAttempts} times with the shared backoff (the server's {@code Retry-After} when it gives one);
 * a refusal of the credentials ends at once. Thread-safe.
 */
final class RefreshCall {
    private final URI refreshUri;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final int maxAttempts;
    private final Backoff backoff;
    private final Clock clock;
    private final Sleeper sleeper;
    /** The jitter; {@code null}: the calling thread's {@code ThreadLocalRandom}. */
    private final RandomGenerator random;

    RefreshCall(URI refreshUri, HttpClient http, Duration requestTimeout, int maxAttempts, Backoff backoff, Clock clock,
            Sleeper sleeper, RandomGenerator random) {
        this.refreshUri = refreshUri;
        this.http = http;
        this.requestTimeout = requestTimeout;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
    }

    /**
     * @return the new tokens
     * @throws TokenRefreshException the credentials were refused (at once), or the server failed every attempt
     */
    ChatTokens send(String refreshToken) {
        TokenRefreshException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            Duration retryAfter = null;
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(refreshUri).timeout(requestTimeout)
                        .header("Authorization", "Bearer " + refreshToken).header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 200) {
                    return ChatTokens.fromJson(response.body());
                }
                if (!RefreshErrors.retryable(status)) {
                    throw RefreshErrors.refused(status, response.body());
                }
                last = RefreshErrors.unavailable(status);
                retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null),
                        clock.instant());
            } catch (IOException e) {
                last = RefreshErrors.unreachable(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw RefreshErrors.interrupted(e);
            }
            if (attempt < maxAttempts) {
                sleeper.sleep(backoff.next(attempt, retryAfter, random != null ? random : ThreadLocalRandom.current()));
            }
        }
        throw last;
    }

    URI uri() {
        return refreshUri;
    }
}
