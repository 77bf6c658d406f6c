package dev.chatsdk.jakarta.token;

import java.time.Clock;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.spi.SessionStore;
import dev.chatsdk.jakarta.spi.TokenIssuer;
import dev.chatsdk.jakarta.spi.TokenIssuerFactory;

/** The built-in {@code local} issuer: signs tokens in-process and keeps sessions in the store. */
public final class LocalTokenIssuerFactory implements TokenIssuerFactory {
    @Override
    public String name() {
        return ChatSdkConfig.LOCAL;
    }

    @Override
    public TokenIssuer create(ChatSdkConfig config, Clock clock, SessionStore sessions) {
        return new LocalTokenIssuer(config, clock, sessions);
    }
}
