package dev.chatsdk.jakarta.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.web.ChatSdkRegistry;
import dev.chatsdk.jakarta.web.ChatTokenService;

/** The MicroProfile Health readiness check, found as a CDI bean (Weld SE) like WildFly and Payara find it. */
class ChatSdkReadinessCheckTest {
    private final ClassLoader loader = ChatSdkReadinessCheck.class.getClassLoader();

    @AfterEach
    void unregister() {
        ChatSdkRegistry.unregister(loader);
    }

    private static WeldContainer cdi() {
        return new Weld().disableDiscovery().addBeanClasses(ChatSdkReadinessCheck.class).initialize();
    }

    @Test
    void reportsTheApplicationsModuleAsTheReadinessCheckNamedChatsdk() {
        dev.chatsdk.jakarta.ChatSdkConfig config = new TestConfig().builder().build();
        ChatTokenService service = new ChatTokenService(ChatSdk.create(config));
        ChatSdkRegistry.register(loader, service);

        try (WeldContainer cdi = cdi()) {
            HealthCheckResponse response = cdi.select(HealthCheck.class, Readiness.Literal.INSTANCE).get().call();

            assertThat(response.getName()).isEqualTo("chatsdk");
            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
            Map<String, Object> data = response.getData().orElseThrow();
            // what this deployment's configuration says the report must hold, not the report computed again
            assertThat(data).contains(Map.entry("issuer", "local"), Map.entry("signingKey.loaded", true),
                    Map.entry("signingKey.algorithm", "HS256"), Map.entry("signingKey.keyId", config.local().keyId()),
                    Map.entry("signingKey.retiredKeys", 0L), Map.entry("sessionStore", "memory"),
                    Map.entry("sessionStore.reachable", true));
            assertThat(data.get("signingKey.ageSeconds")).isInstanceOf(Long.class);
            assertThat(data.values()).allMatch(v -> v instanceof String || v instanceof Long || v instanceof Boolean);
            assertThat(cdi.select(HealthCheck.class, Liveness.Literal.INSTANCE).isResolvable())
                    .as("no liveness check: the upstream must not restart the application").isFalse();
        }
    }

    @Test
    void isDownWhenTheModuleHasNotStartedInTheApplication() {
        try (WeldContainer cdi = cdi()) {
            HealthCheck check = cdi.select(HealthCheck.class, Readiness.Literal.INSTANCE).get();
            ClassLoader previous = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(new URLClassLoader(new URL[0], null));
            HealthCheckResponse response;
            try {
                response = check.call();
            } finally {
                Thread.currentThread().setContextClassLoader(previous);
            }

            assertThat(response.getName()).isEqualTo("chatsdk");
            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(response.getData().orElseThrow())
                    .containsExactly(Map.entry("problem", "ChatSDK Jakarta has not started in this application"));
        }
    }
}
