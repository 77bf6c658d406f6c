package dev.chatsdk.jakarta.web.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.MpConfigured;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.web.ChatSdkRegistry;
import dev.chatsdk.jakarta.web.ChatTokenService;

/** {@code @Inject ChatSdk} in a real CDI container (Weld SE) gets the application's one instance. */
class ChatSdkProducerTest {
    private final ClassLoader loader = Thread.currentThread().getContextClassLoader();

    @ApplicationScoped
    public static class LoginService {
        @Inject
        ChatSdk chatSdk;

        public ChatSdk chatSdk() {
            return chatSdk;
        }

        public String tokenFor(String userId) {
            return chatSdk.issue(ChatUser.builder(userId).name("From CDI").build()).accessToken();
        }
    }

    @AfterEach
    void unregister() {
        ChatSdkRegistry.unregister(loader);
    }

    @Test
    void injectsTheInstanceTheWebAdaptersUse() {
        ChatTokenService service = new ChatTokenService(ChatSdk.create(new TestConfig().builder().build()));
        ChatSdkRegistry.register(loader, service);

        try (WeldContainer cdi = new Weld().disableDiscovery()
                .addBeanClasses(ChatSdkProducer.class, LoginService.class).initialize()) {
            LoginService login = cdi.select(LoginService.class).get();

            assertThat(login.chatSdk()).isSameAs(service.sdk());
            assertThat(login.tokenFor("u-cdi")).isNotBlank();
        }
    }

    @Test
    void leavesTheInstanceTheInitializerBuiltToTheInitializer() {
        ChatTokenService service = new ChatTokenService(ChatSdk.create(new TestConfig().builder().build()));
        ChatSdkRegistry.register(loader, service);

        try (WeldContainer cdi = new Weld().disableDiscovery()
                .addBeanClasses(ChatSdkProducer.class, LoginService.class).initialize()) {
            assertThat(cdi.select(LoginService.class).get().tokenFor("u-cdi")).isNotBlank();
        }

        assertThat(service.sdk().isClosed()).isFalse();
        assertThat(ChatSdkRegistry.find(loader)).containsSame(service);
    }

    @Test
    void disposesOfTheInstanceBuiltForCdiOnceAtShutdown() throws Exception {
        ChatSdk sdk = MpConfigured.with(MpConfigured.properties(new TestConfig()), app -> {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(app);
            try (WeldContainer cdi = new Weld().disableDiscovery()
                    .addBeanClasses(ChatSdkProducer.class, LoginService.class).initialize()) {
                LoginService login = cdi.select(LoginService.class).get();
                assertThat(login.tokenFor("u-1")).isNotBlank();
                assertThat(login.tokenFor("u-2")).isNotBlank();
                assertThat(login.chatSdk().isClosed()).isFalse();
                return login.chatSdk();
            } finally {
                assertThat(ChatSdkRegistry.find(app)).isEmpty();
                thread.setContextClassLoader(previous);
            }
        });

        assertThat(sdk.isClosed()).isTrue();
    }
}
