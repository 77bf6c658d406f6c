package dev.chatsdk.jakarta.web.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.web.ChatSdkRegistry;

/**
 * Makes the application's {@link ChatSdk} injectable: {@code @Inject ChatSdk chatSdk}. It is the same
 * instance the servlet filter and the JAX-RS resource answer with.
 *
 * <p>The product is {@link Singleton} (one per CDI container, no proxy: {@code ChatSdk} is final), so that its
 * disposer runs once, when the container shuts down, and not each time a bean that injected it ends, as it would for
 * a dependent product. The disposer closes the instance only when it was built for CDI (no servlet initializer ran):
 * the initializer closes the one it built itself, and one the application gave stays the application's to close.
 */
@ApplicationScoped
public class ChatSdkProducer {
    @Produces
    @Singleton
    public ChatSdk chatSdk() {
        return ChatSdkRegistry.current().sdk();
    }

    /**
     * Closes the module at container shutdown when it was built for CDI.
     *
     * @param sdk the produced instance
     */
    public void close(@Disposes ChatSdk sdk) {
        ChatSdkRegistry.closeBuilt(sdk);
    }
}
