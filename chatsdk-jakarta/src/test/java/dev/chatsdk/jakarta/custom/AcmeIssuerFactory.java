package dev.chatsdk.jakarta.custom;

import java.net.URL;
import java.net.URLClassLoader;

import dev.chatsdk.jakarta.spi.IssuerContext;
import dev.chatsdk.jakarta.spi.TokenIssuer;
import dev.chatsdk.jakarta.spi.TokenIssuerFactory;

/**
 * Selected by {@code chatsdk.issuer=acme}; listed in {@code acme-services/META-INF/services}, which only
 * {@link #loader()} sees (other tests expect the built-in issuers alone).
 */
public final class AcmeIssuerFactory implements TokenIssuerFactory {
    public static final String NAME = "acme";

    /** @return a class loader whose {@code META-INF/services} lists this factory, for {@code ChatSdk.Builder.serviceLoader} */
    public static ClassLoader loader() {
        ClassLoader tests = AcmeIssuerFactory.class.getClassLoader();
        return new URLClassLoader(new URL[] {tests.getResource("acme-services/")}, tests);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TokenIssuer create(IssuerContext context) {
        return new AcmeIssuer(context.clock(), context.sessionStore());
    }
}
