package dev.chatsdk.jakarta.custom;

import dev.chatsdk.jakarta.spi.IssuerContext;
import dev.chatsdk.jakarta.spi.TokenIssuer;
import dev.chatsdk.jakarta.spi.TokenIssuerFactory;

/** Selected by {@code chatsdk.issuer=acme}; listed in the tests' {@code META-INF/services}. */
public final class AcmeIssuerFactory implements TokenIssuerFactory {
    public static final String NAME = "acme";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TokenIssuer create(IssuerContext context) {
        return new AcmeIssuer(context.clock(), context.sessionStore());
    }
}
