package dev.chatsdk.jakarta.observe;

import dev.chatsdk.jakarta.event.ChatEvent;

/**
 * Where the counters and timers go: Micrometer ({@link MicrometerMeters}), the server's MicroProfile Metrics
 * ({@link MpMetricsMeters}), or nowhere; {@link Telemetry} chooses at start-up. Thread-safe.
 */
interface Meters {
    Meters NONE = new Meters() {
        @Override
        public void event(ChatEvent event) {
        }

        @Override
        public void upstreamCall(String outcome, long nanos) {
        }

        @Override
        public void request(String endpoint, int status, long nanos) {
        }

        @Override
        public String toString() {
            return "none (neither MicroProfile Metrics nor Micrometer is available)";
        }
    };

    /** Counts an event: issued, refreshed, retried, reuse detected, revoked, rejected by code. */
    void event(ChatEvent event);

    /** Counts and times one call to the ChatSDK API. */
    void upstreamCall(String outcome, long nanos);

    /** Times one request to an endpoint of the module. */
    void request(String endpoint, int status, long nanos);
}
