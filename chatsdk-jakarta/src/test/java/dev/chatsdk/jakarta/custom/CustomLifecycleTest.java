package dev.chatsdk.jakarta.custom;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.config.Settings;

/**
 * The lifecycle rule for extensions, written against the SPI alone: an issuer the module made with the application's
 * factory is closed with the module, once; a store the application gave is not.
 */
class CustomLifecycleTest {
    @Test
    void closesTheIssuerItsFactoryMadeButNotTheStoreTheApplicationGave() {
        MapSessionStore store = new MapSessionStore();
        ChatSdk sdk = ChatSdk.builder().config(new TestConfig().builder().set(Settings.ISSUER, AcmeIssuerFactory.NAME)
                .build()).sessionStore(store).serviceLoader(AcmeIssuerFactory.loader()).build();
        AcmeIssuer issuer = (AcmeIssuer) sdk.issuer();

        sdk.close();
        sdk.close();

        assertThat(issuer.closes()).isEqualTo(1);
        assertThat(store.closes()).isZero();
    }
}
