package dev.chatsdk.jakarta.web;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.chatsdk.jakarta.ChatSdk;

/**
 * One {@link ChatTokenService} per application, keyed by the application's class loader, so that
 * the servlet filter, the JAX-RS resource and CDI injection share one instance (and one session
 * state). The servlet initializer registers it at deployment and removes it at undeployment; where
 * no initializer ran (JAX-RS outside a servlet container), the first lookup builds it from
 * MicroProfile Config.
 *
 * <p>Who closes what: the initializer closes the module it built when its application stops; one built here is
 * closed by {@link #closeBuilt} (CDI's disposer calls it); one the application gave is never closed by the module.
 */
public final class ChatSdkRegistry {
    private static final Map<ClassLoader, ChatTokenService> SERVICES = new ConcurrentHashMap<>();
    /** The services {@link #current()} built, which {@link #closeBuilt} closes. */
    private static final Set<ChatTokenService> BUILT = ConcurrentHashMap.newKeySet();

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
        return SERVICES.computeIfAbsent(loader, l -> {
            ChatTokenService built = new ChatTokenService(ChatSdk.fromMicroProfileConfig(l));
            BUILT.add(built);
            return built;
        });
    }

    /**
     * Closes a module that {@link #current()} built, and forgets it; does nothing for one registered by the servlet
     * initializer (it closes its own) or given by the application (its own to close).
     *
     * @param sdk a module handed out by {@link #current()}
     * @return whether it was built here and is now closed
     */
    public static boolean closeBuilt(ChatSdk sdk) {
        for (ChatTokenService service : BUILT) {
            if (service.sdk() == sdk && BUILT.remove(service)) {
                SERVICES.values().remove(service);
                sdk.close();
                return true;
            }
        }
        return false;
    }
}
