package dev.chatsdk.jakarta.health;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.chatsdk.jakarta.web.ChatSdkRegistry;
import dev.chatsdk.jakarta.web.ChatTokenService;

/**
 * The readiness check {@code chatsdk} where the server provides MicroProfile Health (WildFly, Payara): the same
 * report as {@code GET {api-base}/health}. There is deliberately no liveness check: an unreachable ChatSDK API or
 * database must take the application out of the load balancer, not get it restarted.
 *
 * <p>Found by CDI only when {@code org.eclipse.microprofile.health.HealthCheck} is on the class path: the module's
 * {@code beans.xml} excludes this class otherwise, so servers without MicroProfile Health never load it. Thread-safe.
 */
@Readiness
@ApplicationScoped
public class ChatSdkReadinessCheck implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        Optional<ChatTokenService> service = ChatSdkRegistry.find(ChatSdkReadinessCheck.class.getClassLoader())
                .or(() -> ChatSdkRegistry.find(Thread.currentThread().getContextClassLoader()));
        if (service.isEmpty()) {
            return HealthCheckResponse.named(HealthReport.NAME).down()
                    .withData("problem", "ChatSDK Jakarta has not started in this application").build();
        }
        HealthReport report = service.get().health().check();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(HealthReport.NAME).status(report.up());
        for (Map.Entry<String, Object> entry : report.data().entrySet()) {
            Object value = entry.getValue();
            if (value instanceof Boolean) {
                response.withData(entry.getKey(), (Boolean) value);
            } else if (value instanceof Number) {
                response.withData(entry.getKey(), ((Number) value).longValue());
            } else {
                response.withData(entry.getKey(), String.valueOf(value));
            }
        }
        return response.build();
    }
}
