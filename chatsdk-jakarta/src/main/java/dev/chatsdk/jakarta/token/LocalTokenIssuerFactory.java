package dev.chatsdk.jakarta.token;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.spi.IssuerContext;
import dev.chatsdk.jakarta.spi.TokenIssuer;
import dev.chatsdk.jakarta.spi.TokenIssuerFactory;

/** The built-in {@code local} issuer: signs tokens in-process and keeps sessions in the context's store. */
public final class LocalTokenIssuerFactory implements TokenIssuerFactory {
    @Override
    public String name() {
        return ChatSdkConfig.LOCAL;
    }

    @Override
    public TokenIssuer create(IssuerContext context) {
        return new LocalTokenIssuer(context.config(), context.clock(), context.sessionStore());
    }
}
