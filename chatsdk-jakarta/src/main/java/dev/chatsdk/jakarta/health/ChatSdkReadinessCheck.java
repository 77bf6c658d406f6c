package dev.chatsdk.jakarta.health;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.chatsdk.jakarta.web.ChatSdkRegistry;
import dev.chatsdk.jakarta.web.ChatTokenService;

/**
 * The readiness check {@code chatsdk} where the server provides MicroProfile Health (WildFly, Payara): the same
 * report as {@code GET {api-base}/health}, shared with it (one check at a time), <em>with</em> its details. They
 * stay because this endpoint belongs to the server, not to the application: the operator places and secures it
 * (WildFly serves it on the management interface only; Payara has its own switch to require a login), and it has
 * no request whose {@code X-API-Key} could be checked. There is deliberately no liveness check: an unreachable
 * ChatSDK API or database must take the application out of the load balancer, not get it restarted.
 *
 * <p>A CDI bean only when {@code org.eclipse.microprofile.health.HealthCheck} is on the class path: the module's
 * {@code beans.xml} excludes this class otherwise, so CDI on a server without MicroProfile Health (Tomcat or Jetty
 * with Weld) does not trip over its missing interface. Thread-safe.
 */
@Readiness
@ApplicationScoped
public class ChatSdkReadinessCheck implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        Optional<ChatTokenService> service = ChatSdkRegistry.find(ChatSdkReadinessCheck.class.getClassLoader())
                .or(() -> ChatSdkRegistry.find(Thread.currentThread().getContextClassLoader()));
        if (service.isEmpty()) {
            return new HealthCheckResponse(HealthReport.NAME, HealthCheckResponse.Status.DOWN, Optional.of(Map.of(
                    "problem", "ChatSDK Jakarta has not started in this application")));
        }
        HealthReport report = service.get().health().check();
        // the constructor, not HealthCheckResponse.named(): that needs the server's provider on the thread's loader
        return new HealthCheckResponse(HealthReport.NAME, report.up() ? HealthCheckResponse.Status.UP
                : HealthCheckResponse.Status.DOWN, Optional.of(report.data()));
    }
}
