package dev.chatsdk.jakarta.web.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.web.ChatSdkRegistry;

/**
 * Makes the application's {@link ChatSdk} injectable: {@code @Inject ChatSdk chatSdk}. It is the same
 * instance the servlet filter and the JAX-RS resource answer with.
 */
@ApplicationScoped
public class ChatSdkProducer {
    @Produces
    public ChatSdk chatSdk() {
        return ChatSdkRegistry.current().sdk();
    }
}
