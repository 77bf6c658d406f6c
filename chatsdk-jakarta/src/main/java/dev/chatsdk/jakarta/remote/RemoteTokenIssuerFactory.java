package dev.chatsdk.jakarta.remote;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.spi.IssuerContext;
import dev.chatsdk.jakarta.spi.TokenIssuer;
import dev.chatsdk.jakarta.spi.TokenIssuerFactory;

/**
 * The built-in {@code remote} issuer: relays a ChatSDK API's tokens (the API keeps the sessions, so this factory never
 * asks the context for a session store). Its calls to the API are reported to the context's listener.
 */
public final class RemoteTokenIssuerFactory implements TokenIssuerFactory {
    @Override
    public String name() {
        return ChatSdkConfig.REMOTE;
    }

    @Override
    public TokenIssuer create(IssuerContext context) {
        return new RemoteTokenIssuer(context.config(), context.clock(), context.upstreamCalls());
    }
}
