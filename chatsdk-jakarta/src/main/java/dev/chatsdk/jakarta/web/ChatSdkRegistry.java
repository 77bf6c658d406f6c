package dev.chatsdk.jakarta.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.chatsdk.jakarta.ChatSdk;

/**
 * One {@link ChatTokenService} per application, keyed by the application's class loader, so that
 * the servlet filter, the JAX-RS resource and CDI injection share one instance (and one session
 * state). The servlet initializer registers it at deployment and removes it at undeployment; where
 * no initializer ran (JAX-RS outside a servlet container), the first lookup builds it from
 * MicroProfile Config.
 */
public final class ChatSdkRegistry {
    private static final Map<ClassLoader, ChatTokenService> SERVICES = new ConcurrentHashMap<>();

    private ChatSdkRegistry() {
    }

    public static void register(ClassLoader loader, ChatTokenService service) {
        SERVICES.put(loader, service);
    }

    public static void unregister(ClassLoader loader) {
        SERVICES.remove(loader);
    }

    /**
     * @param loader an application's class loader
     * @return the service registered for it, without building one
     */
    public static java.util.Optional<ChatTokenService> find(ClassLoader loader) {
        return java.util.Optional.ofNullable(loader == null ? null : SERVICES.get(loader));
    }

    /** @return the service of the application whose class loader is the thread's context class loader */
    public static ChatTokenService current() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = ChatSdkRegistry.class.getClassLoader();
        }
        return SERVICES.computeIfAbsent(loader, l -> new ChatTokenService(ChatSdk.fromMicroProfileConfig(l)));
    }
}
