package dev.chatsdk.jakarta.web;

import java.security.Principal;
import java.util.Map;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.event.AccessDenied;
import dev.chatsdk.jakarta.event.RequestRejected;
import dev.chatsdk.jakarta.observe.Telemetry;

/**
 * What the web layer adds to the event stream: binds a request's client address (the one the rate limits see) and
 * endpoint to the thread while it is handled, times the request, and turns an error answer into a
 * {@link RequestRejected} (an {@link AccessDenied} for refused credentials). Thread-safe.
 */
final class RequestTelemetry {
    private static final Map<String, String> ENDPOINTS = Map.ofEntries(
            Map.entry("/auth/tokens", "issue"),
            Map.entry("/api/auth/connect", "issue"),
            Map.entry("/tokens", "issue"),
            Map.entry("/auth/refresh", "refresh"),
            Map.entry("/api/auth/refresh", "refresh"),
            Map.entry("/tokens/refresh", "refresh"),
            Map.entry("/auth/logout", "logout"),
            Map.entry("/auth/revoke", "logout"),
            Map.entry("/.well-known/jwks.json", "jwks"),
            Map.entry("/tokens/validate", "validate"),
            Map.entry("/tokens/validate-ws", "validate-ws"));

    /** One request being handled. */
    static final class Scope {
        final Object previous;
        final long started;
        final String endpoint;
        final String clientIp;

        Scope(Object previous, long started, String endpoint, String clientIp) {
            this.previous = previous;
            this.started = started;
            this.endpoint = endpoint;
            this.clientIp = clientIp;
        }
    }

    private final ChatSdkConfig config;
    private final Telemetry telemetry;
    private final ClientAddresses addresses;

    RequestTelemetry(ChatSdkConfig config, Telemetry telemetry, ClientAddresses addresses) {
        this.config = config;
        this.telemetry = telemetry;
        this.addresses = addresses;
    }

    /** @return the endpoint's name for metrics and events: {@code token}, {@code refresh} … or {@code other} */
    String endpoint(String path) {
        if (path.equals(config.web().tokenPath())) {
            return "token";
        }
        String sub = path.startsWith(config.web().apiBase() + "/") ? path.substring(config.web().apiBase().length()) : "";
        String known = ENDPOINTS.get(sub);
        if (known != null) {
            return known;
        }
        return sub.startsWith("/api/users/") && sub.endsWith("/revoke-tokens") ? "revoke-user" : "other";
    }

    /** Binds the request to this thread; give the result to {@link #end} in a {@code finally}. */
    Scope begin(ChatRequest request) {
        String endpoint = endpoint(request.path());
        String clientIp = addresses.of(request);
        return new Scope(Telemetry.bind(clientIp, endpoint), System.nanoTime(), endpoint, clientIp);
    }

    /** Times the request, emits the rejection an error answer is, and unbinds the request. */
    void end(Scope scope, ChatRequest request, ChatResponse response) {
        try {
            if (response == null) {
                return;
            }
            telemetry.request(scope.endpoint, response.status(), System.nanoTime() - scope.started);
            if (response.errorCode() != null) {
                Principal principal = request.knownPrincipal();
                String user = principal == null ? null : principal.getName();
                telemetry.emit(AccessDenied.CODES.contains(response.errorCode())
                        ? new AccessDenied(telemetry.clock().instant(), user, scope.clientIp, scope.endpoint,
                                response.errorCode(), response.errorMessage())
                        : new RequestRejected(telemetry.clock().instant(), user, scope.clientIp, scope.endpoint,
                                response.errorCode(), response.errorMessage()));
            }
        } finally {
            Telemetry.restore(scope.previous);
        }
    }
}
