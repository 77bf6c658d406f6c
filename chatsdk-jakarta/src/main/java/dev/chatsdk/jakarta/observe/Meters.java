package dev.chatsdk.jakarta.observe;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import dev.chatsdk.jakarta.event.ChatEvent;
import dev.chatsdk.jakarta.event.RefreshReuseDetected;
import dev.chatsdk.jakarta.event.RequestRejected;
import dev.chatsdk.jakarta.event.SessionRevoked;
import dev.chatsdk.jakarta.event.TokenIssued;
import dev.chatsdk.jakarta.event.TokenRefreshed;

/**
 * Where the counters and timers go: Micrometer ({@link MicrometerMeters}), the server's MicroProfile Metrics
 * ({@link MpMetricsMeters}), or nowhere; {@link Telemetry} chooses at start-up. Which event moves which meter is
 * decided here, once; an implementation only counts and times by name and tags. Thread-safe.
 */
interface Meters {
    /** The module's meters: names, descriptions, and whether each is a timer. */
    enum Meter {
        ISSUED("chatsdk.tokens.issued", "New sessions' tokens issued", false),
        REFRESHED("chatsdk.tokens.refreshed", "Refreshes answered with new tokens, retries included", false),
        RETRIED("chatsdk.tokens.refresh.retried", "Refreshes with a spent token within the rotation grace", false),
        REUSE_DETECTED("chatsdk.tokens.reuse.detected",
                "Spent refresh tokens presented after the grace; each revoked its session", false),
        REVOKED("chatsdk.sessions.revoked", "Sessions revoked before their end", false),
        REJECTED("chatsdk.requests.rejected", "Requests answered with an error, by error code", false),
        UPSTREAM_CALLS("chatsdk.upstream.calls", "Calls to the ChatSDK API, by outcome", false),
        UPSTREAM_LATENCY("chatsdk.upstream.latency", "Time of calls to the ChatSDK API, retries included", true),
        REQUESTS("chatsdk.requests", "Time to answer requests to the module's endpoints", true);

        final String name;
        final String description;
        final boolean timer;

        Meter(String name, String description, boolean timer) {
            this.name = name;
            this.description = description;
            this.timer = timer;
        }

        /** @return the key of one series of this meter: its name, and its tags (names and values, alternating) */
        String key(String... tags) {
            return tags.length == 0 ? name : name + '|' + String.join("|", tags);
        }
    }

    /** The counters without tags: registered at start-up, so that they read 0 rather than nothing. */
    Set<Meter> UNTAGGED_COUNTERS = Collections.unmodifiableSet(EnumSet.of(Meter.ISSUED, Meter.REFRESHED, Meter.RETRIED,
            Meter.REUSE_DETECTED));

    Meters NONE = new Meters() {
        @Override
        public void count(Meter meter, long amount, String... tags) {
        }

        @Override
        public void time(Meter meter, long nanos, String... tags) {
        }

        @Override
        public String toString() {
            return "none (neither MicroProfile Metrics nor Micrometer is available)";
        }
    };

    /** Adds to a counter. @param tags names and values, alternating */
    void count(Meter meter, long amount, String... tags);

    /** Records a duration in a timer. @param tags names and values, alternating */
    void time(Meter meter, long nanos, String... tags);

    /** Counts an event: issued, refreshed, retried, reuse detected, revoked by cause, rejected by code. */
    default void event(ChatEvent event) {
        if (event instanceof TokenIssued) {
            count(Meter.ISSUED, 1);
        } else if (event instanceof TokenRefreshed) {
            count(Meter.REFRESHED, 1);
            if (((TokenRefreshed) event).retry()) {
                count(Meter.RETRIED, 1);
            }
        } else if (event instanceof RefreshReuseDetected) {
            count(Meter.REUSE_DETECTED, 1);
        } else if (event instanceof SessionRevoked) {
            SessionRevoked revoked = (SessionRevoked) event;
            count(Meter.REVOKED, revoked.sessions(), "cause", revoked.cause().name().toLowerCase(Locale.ROOT));
        } else if (event instanceof RequestRejected) {
            count(Meter.REJECTED, 1, "code", ((RequestRejected) event).code().name());
        }
    }

    /** Counts and times one call to the ChatSDK API. */
    default void upstreamCall(String outcome, long nanos) {
        count(Meter.UPSTREAM_CALLS, 1, "outcome", outcome);
        time(Meter.UPSTREAM_LATENCY, nanos, "outcome", outcome);
    }

    /** Times one request to an endpoint of the module. */
    default void request(String endpoint, int status, long nanos) {
        time(Meter.REQUESTS, nanos, "endpoint", endpoint, "status", String.valueOf(status));
    }
}
