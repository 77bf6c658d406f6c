package dev.chatsdk.jakarta.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chatsdk.jakarta.ChatTokens;
import dev.chatsdk.jakarta.ErrorCode;

/**
 * Keeps one user's chat tokens fresh, so that nobody sees "token expired": refreshes at {@code expiresAt -
 * refreshBuffer} in the background (timed from when the tokens arrived, so a skewed local clock does not
 * matter), on demand in {@link #validAccessToken()} and {@link #refresh()}, with one HTTP request for any
 * number of concurrent callers; retries network and server failures with exponential backoff and full jitter
 * (honouring {@code Retry-After}); stops at once, clears the tokens and says so when the refresh token is spent,
 * revoked or expired.
 *
 * <pre>{@code
 * TokenManager manager = TokenManager.builder()
 *         .apiUrl(URI.create("https://app.example.com/chatsdk"))
 *         .onTokenRefresh(tokens -> store.save(tokens))
 *         .onRefreshError(error -> showLogin())
 *         .build();
 * manager.setTokens(ChatTokens.fromJson(loginResponseBody));
 * String token = manager.validAccessToken();
 * }</pre>
 *
 * <p>This class is thread-safe. It runs one daemon thread for its schedule; {@link #close()} stops it.
 *
 * @since 0.1
 */
public final class TokenManager implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs the background refresh; the default is one daemon thread. Implementations must be thread-safe. */
    public interface Scheduler extends AutoCloseable {
        /**
         * @param task  what to run once
         * @param delay how long from now
         * @return a handle whose {@code run()} cancels the task
         */
        Runnable schedule(Runnable task, Duration delay);

        @Override
        void close();
    }

    private final URI refreshUri;
    private final Duration refreshBuffer;
    private final Consumer<ChatTokens> onTokenRefresh;
    private final Consumer<Throwable> onRefreshError;
    private final Clock clock;
    private final HttpClient http;
    private final TokenStore store;
    private final Scheduler scheduler;
    private final int maxAttempts;
    private final Duration backoffBase;
    private final Duration backoffCap;
    private final Duration requestTimeout;

    private final Object lock = new Object();
    private CompletableFuture<ChatTokens> inFlight;
    private volatile Instant refreshAt;
    private Runnable cancelScheduled;
    private volatile boolean closed;

    private TokenManager(Builder b) {
        this.refreshUri = URI.create(b.apiUrl.toString().replaceAll("/+$", "") + "/auth/refresh");
        this.refreshBuffer = b.refreshBuffer;
        this.onTokenRefresh = b.onTokenRefresh;
        this.onRefreshError = b.onRefreshError;
        this.clock = b.clock;
        this.http = b.http != null ? b.http : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.store = b.store;
        this.scheduler = b.scheduler != null ? b.scheduler : daemonScheduler();
        this.maxAttempts = b.maxAttempts;
        this.backoffBase = b.backoffBase;
        this.backoffCap = b.backoffCap;
        this.requestTimeout = b.requestTimeout;
        store.load().ifPresent(t -> schedule(t.expiresAt()));
    }

    /** @return a builder; {@code apiUrl} is required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Takes new tokens (from a login), stores them and schedules their refresh.
     *
     * @param tokens the tokens, e.g. {@code ChatTokens.fromJson(body)}
     * @throws IllegalStateException after {@link #close()}
     */
    public void setTokens(ChatTokens tokens) {
        open();
        store.save(Objects.requireNonNull(tokens, "tokens"));
        schedule(clock.instant().plusSeconds(tokens.expiresInSeconds()));
    }

    /** @return the current tokens, if any */
    public java.util.Optional<ChatTokens> tokens() {
        return store.load();
    }

    /**
     * @return an access token valid for at least the refresh buffer, refreshing first when needed
     * @throws IllegalStateException  if there are no tokens, or after {@link #close()}
     * @throws TokenRefreshException  if a needed refresh failed
     */
    public String validAccessToken() {
        open();
        ChatTokens tokens = store.load().orElseThrow(() -> new IllegalStateException("no tokens; call setTokens first"));
        Instant due = refreshAt;
        return due != null && clock.instant().isBefore(due) ? tokens.accessToken() : refresh().accessToken();
    }

    /**
     * Refreshes now (e.g. after a 401); concurrent callers share one request and its result.
     *
     * @return the new tokens
     * @throws IllegalStateException if there is no refresh token, or after {@link #close()}
     * @throws TokenRefreshException if the refresh failed
     */
    public ChatTokens refresh() {
        open();
        CompletableFuture<ChatTokens> shared;
        boolean leader = false;
        synchronized (lock) {
            if (inFlight == null) {
                inFlight = new CompletableFuture<>();
                leader = true;
            }
            shared = inFlight;
        }
        if (leader) {
            try {
                shared.complete(refreshOnce());
            } catch (RuntimeException e) {
                shared.completeExceptionally(e);
            } finally {
                synchronized (lock) {
                    inFlight = null;
                }
            }
        }
        try {
            return shared.join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    private ChatTokens refreshOnce() {
        String refreshToken = store.load().map(ChatTokens::refreshToken)
                .orElseThrow(() -> new IllegalStateException("no refresh token; call setTokens first"));
        try {
            ChatTokens fresh = withRetries(refreshToken);
            store.save(fresh);
            schedule(clock.instant().plusSeconds(fresh.expiresInSeconds()));
            onTokenRefresh.accept(fresh);
            return fresh;
        } catch (TokenRefreshException e) {
            if (e.isCredentialFailure()) {
                store.clear();
                cancelSchedule();
                refreshAt = null;
            }
            onRefreshError.accept(e);
            throw e;
        }
    }

    private ChatTokens withRetries(String refreshToken) {
        TokenRefreshException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            Duration wait;
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(refreshUri).timeout(requestTimeout)
                        .header("Authorization", "Bearer " + refreshToken).header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 200) {
                    return ChatTokens.fromJson(response.body());
                }
                if (status != 429 && status < 500) {
                    throw credentials(status, response.body());
                }
                last = new TokenRefreshException(ErrorCode.UPSTREAM_UNAVAILABLE,
                        "The token server answered " + status + ".", false, null);
                wait = response.headers().firstValue("Retry-After").map(TokenManager::seconds).orElse(null);
            } catch (IOException e) {
                last = new TokenRefreshException(ErrorCode.UPSTREAM_UNAVAILABLE,
                        "The token server cannot be reached (" + e.getClass().getSimpleName() + ").", false, e);
                wait = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TokenRefreshException(ErrorCode.UPSTREAM_UNAVAILABLE, "Interrupted.", false, e);
            }
            if (attempt < maxAttempts) {
                sleep(wait != null ? wait : jitter(attempt));
            }
        }
        throw last;
    }

    private static TokenRefreshException credentials(int status, String body) {
        ErrorCode code = ErrorCode.INVALID_REFRESH_TOKEN;
        try {
            JsonNode error = JSON.readTree(body).path("error").path("code");
            if (error.isTextual()) {
                code = ErrorCode.valueOf(error.textValue());
            }
        } catch (IOException | IllegalArgumentException e) {
            // not ours, or not JSON: the generic code stands
        }
        return new TokenRefreshException(code, "The token server refused the refresh token (status " + status + ", "
                + code + "); log in again.", true, null);
    }

    private Duration jitter(int attempt) {
        long cap = Math.min(backoffCap.toMillis(), backoffBase.toMillis() << Math.min(attempt, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap + 1));
    }

    private static Duration seconds(String value) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Schedules the background refresh at {@code expiry - refreshBuffer} (now, if that has passed). */
    private void schedule(Instant expiry) {
        Instant due = expiry.minus(refreshBuffer);
        refreshAt = due;
        Duration delay = Duration.between(clock.instant(), due);
        synchronized (lock) {
            cancelSchedule();
            if (!closed) {
                cancelScheduled = scheduler.schedule(this::backgroundRefresh, delay.isNegative() ? Duration.ZERO : delay);
            }
        }
    }

    private void backgroundRefresh() {
        if (closed) {
            return;
        }
        try {
            refresh();
        } catch (TokenRefreshException e) {
            if (e.isNetworkFailure() && !closed) {
                synchronized (lock) {
                    cancelScheduled = scheduler.schedule(this::backgroundRefresh, backoffCap);
                }
            }
        } catch (IllegalStateException e) {
            // closed, or no tokens any more: nothing to refresh
        }
    }

    private void cancelSchedule() {
        synchronized (lock) {
            if (cancelScheduled != null) {
                cancelScheduled.run();
                cancelScheduled = null;
            }
        }
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("the TokenManager is closed");
        }
    }

    /** Cancels the schedule and stops the scheduler's thread; the tokens stay in the store. */
    @Override
    public void close() {
        closed = true;
        cancelSchedule();
        scheduler.close();
    }

    private static Scheduler daemonScheduler() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "chatsdk-token-refresh");
            thread.setDaemon(true);
            return thread;
        });
        return new Scheduler() {
            @Override
            public Runnable schedule(Runnable task, Duration delay) {
                ScheduledFuture<?> future = executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
                return () -> future.cancel(false);
            }

            @Override
            public void close() {
                executor.shutdownNow();
            }
        };
    }

    @Override
    public String toString() {
        return "TokenManager[" + refreshUri + ", refreshAt=" + refreshAt + (closed ? ", closed" : "") + "]";
    }

    /** Builds a {@link TokenManager}. Not thread-safe. */
    public static final class Builder {
        private URI apiUrl;
        private Duration refreshBuffer = Duration.ofMinutes(5);
        private Consumer<ChatTokens> onTokenRefresh = tokens -> { };
        private Consumer<Throwable> onRefreshError = error -> { };
        private Clock clock = Clock.systemUTC();
        private HttpClient http;
        private TokenStore store = TokenStore.inMemory();
        private Scheduler scheduler;
        private int maxAttempts = 4;
        private Duration backoffBase = Duration.ofMillis(250);
        private Duration backoffCap = Duration.ofSeconds(30);
        private Duration requestTimeout = Duration.ofSeconds(10);

        private Builder() {
        }

        /**
         * @param apiUrl the token API base, e.g. {@code https://app.example.com/chatsdk} (refresh: {@code /auth/refresh})
         * @return this builder
         */
        public Builder apiUrl(URI apiUrl) {
            this.apiUrl = apiUrl;
            return this;
        }

        /**
         * @param buffer how long before expiry to refresh (default 5 minutes)
         * @return this builder
         */
        public Builder refreshBuffer(Duration buffer) {
            this.refreshBuffer = Objects.requireNonNull(buffer);
            return this;
        }

        /**
         * @param callback called once after each successful refresh
         * @return this builder
         */
        public Builder onTokenRefresh(Consumer<ChatTokens> callback) {
            this.onTokenRefresh = Objects.requireNonNull(callback);
            return this;
        }

        /**
         * @param callback called once for each failed refresh, with a {@link TokenRefreshException}
         * @return this builder
         */
        public Builder onRefreshError(Consumer<Throwable> callback) {
            this.onRefreshError = Objects.requireNonNull(callback);
            return this;
        }

        /**
         * @param clock the clock (default: system UTC)
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /**
         * @param http the HTTP client (default: a new one)
         * @return this builder
         */
        public Builder httpClient(HttpClient http) {
            this.http = http;
            return this;
        }

        /**
         * @param store where the tokens live (default: memory)
         * @return this builder
         */
        public Builder tokenStore(TokenStore store) {
            this.store = Objects.requireNonNull(store);
            return this;
        }

        /**
         * @param scheduler runs the background refresh (default: one daemon thread)
         * @return this builder
         */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /**
         * @param attempts most tries of one refresh on network or server failures (default 4)
         * @return this builder
         */
        public Builder maxAttempts(int attempts) {
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * @param base first backoff step
         * @param cap largest backoff step (defaults 250 ms, 30 s)
         * @return this builder
         */
        public Builder backoff(Duration base, Duration cap) {
            this.backoffBase = Objects.requireNonNull(base);
            this.backoffCap = Objects.requireNonNull(cap);
            return this;
        }

        /**
         * @return the manager
         * @throws NullPointerException     without {@code apiUrl}
         * @throws IllegalArgumentException if {@code maxAttempts} is below 1
         */
        public TokenManager build() {
            Objects.requireNonNull(apiUrl, "apiUrl");
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            return new TokenManager(this);
        }
    }
}
