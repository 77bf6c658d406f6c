package dev.chatsdk.jakarta.remote;

import java.time.Clock;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.observe.Telemetry;
import dev.chatsdk.jakarta.spi.SessionStore;
import dev.chatsdk.jakarta.spi.TokenIssuer;
import dev.chatsdk.jakarta.spi.TokenIssuerFactory;

/** The built-in {@code remote} issuer: relays a ChatSDK API's tokens (the API keeps the sessions). */
public final class RemoteTokenIssuerFactory implements TokenIssuerFactory {
    @Override
    public String name() {
        return ChatSdkConfig.REMOTE;
    }

    @Override
    public TokenIssuer create(ChatSdkConfig config, Clock clock, SessionStore sessions) {
        return new RemoteTokenIssuer(config, clock, null);
    }

    /**
     * @param telemetry where the calls to the ChatSDK API are counted and timed
     * @return the issuer
     */
    public TokenIssuer create(ChatSdkConfig config, Clock clock, Telemetry telemetry) {
        return new RemoteTokenIssuer(config, clock, telemetry);
    }
}
