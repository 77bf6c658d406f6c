package dev.chatsdk.jakarta.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

import dev.chatsdk.jakarta.ChatTokens;
import dev.chatsdk.jakarta.internal.Backoff;
import dev.chatsdk.jakarta.internal.Sleeper;

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
 *         .onRefreshError(error -> { if (error.isCredentialFailure()) showLogin(); else showOffline(); })
 *         .build();
 * manager.setTokens(ChatTokens.fromJson(loginResponseBody));
 * String token = manager.validAccessToken();
 * }</pre>
 *
 * <p>It coordinates: {@code SingleFlight} shares one refresh among concurrent callers, {@code RefreshCall} makes
 * the HTTP call with its retries, {@code RefreshErrors} decodes the server's errors, {@code RefreshSchedule} times
 * the background refresh.
 *
 * <p>This class is thread-safe. It runs one daemon thread for its schedule; {@link #close()} stops it.
 *
 * @since 0.1
 */
public final class TokenManager implements AutoCloseable {
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

    private final Consumer<ChatTokens> onTokenRefresh;
    private final Consumer<? super TokenRefreshException> onRefreshError;
    private final Clock clock;
    private final TokenStore store;
    private final Duration retryDelay;
    private final RefreshCall call;
    private final RefreshSchedule schedule;
    private final SingleFlight<ChatTokens> flight = new SingleFlight<>();

    private TokenManager(Builder b) {
        this.onTokenRefresh = b.onTokenRefresh;
        this.onRefreshError = b.onRefreshError;
        this.clock = b.clock;
        this.store = b.store;
        this.retryDelay = b.backoffCap;
        this.call = new RefreshCall(URI.create(b.apiUrl.toString().replaceAll("/+$", "") + "/auth/refresh"),
                b.http != null ? b.http : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                b.requestTimeout, b.maxAttempts, new Backoff(b.backoffBase, b.backoffCap), b.clock, b.sleeper, b.random);
        this.schedule = new RefreshSchedule(b.scheduler != null ? b.scheduler : RefreshSchedule.daemonScheduler(),
                b.refreshBuffer, b.clock, this::backgroundRefresh);
        store.load().ifPresent(t -> schedule.refreshBefore(t.expiresAt()));
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
        schedule.refreshBefore(clock.instant().plusSeconds(tokens.expiresInSeconds()));
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
        return schedule.freshAt(clock.instant()) ? tokens.accessToken() : refresh().accessToken();
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
        return flight.run(this::refreshOnce);
    }

    private ChatTokens refreshOnce() {
        String refreshToken = store.load().map(ChatTokens::refreshToken)
                .orElseThrow(() -> new IllegalStateException("no refresh token; call setTokens first"));
        try {
            ChatTokens fresh = call.send(refreshToken);
            store.save(fresh);
            schedule.refreshBefore(clock.instant().plusSeconds(fresh.expiresInSeconds()));
            onTokenRefresh.accept(fresh);
            return fresh;
        } catch (TokenRefreshException e) {
            if (e.isCredentialFailure()) {
                store.clear();
                schedule.clear();
            }
            onRefreshError.accept(e);
            throw e;
        }
    }

    private void backgroundRefresh() {
        if (schedule.closed()) {
            return;
        }
        try {
            refresh();
        } catch (TokenRefreshException e) {
            if (e.isNetworkFailure()) {
                schedule.retryIn(retryDelay);
            }
        } catch (IllegalStateException e) {
            // closed, or no tokens any more: nothing to refresh
        }
    }

    private void open() {
        if (schedule.closed()) {
            throw new IllegalStateException("the TokenManager is closed");
        }
    }

    /** Cancels the schedule and stops the scheduler's thread; the tokens stay in the store. */
    @Override
    public void close() {
        schedule.close();
    }

    @Override
    public String toString() {
        return "TokenManager[" + call.uri() + ", " + schedule + "]";
    }

    /** Builds a {@link TokenManager}. Not thread-safe. */
    public static final class Builder {
        private URI apiUrl;
        private Duration refreshBuffer = Duration.ofMinutes(5);
        private Consumer<ChatTokens> onTokenRefresh = tokens -> { };
        private Consumer<? super TokenRefreshException> onRefreshError = error -> { };
        private Clock clock = Clock.systemUTC();
        private HttpClient http;
        private TokenStore store = TokenStore.inMemory();
        private Scheduler scheduler;
        private int maxAttempts = 4;
        private Duration backoffBase = Duration.ofMillis(250);
        private Duration backoffCap = Duration.ofSeconds(30);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Sleeper sleeper = Sleeper.THREAD;
        /** The backoff's jitter; {@code null}: the calling thread's {@code ThreadLocalRandom}. */
        private RandomGenerator random;

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
         * @param callback called once for each failed refresh; {@link TokenRefreshException#isCredentialFailure()}
         *                 tells "log in again" from "offline, try later"
         * @return this builder
         */
        public Builder onRefreshError(Consumer<? super TokenRefreshException> callback) {
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

        /** @param sleeper waits between attempts (tests) @return this builder */
        Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper);
            return this;
        }

        /** @param random the backoff's jitter (tests) @return this builder */
        Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random);
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
