package dev.chatsdk.jakarta.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigBuilder;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.Test;

import dev.chatsdk.testsupport.LogCapture;

/** The OpenAPI code no other test asserts: the document falls back to the default paths when the config fails. */
class OpenApiCodesTest {
    /** A MicroProfile Config implementation that fails to give any config. */
    private static final class Broken extends ConfigProviderResolver {
        @Override
        public Config getConfig() {
            throw new UnsupportedOperationException("the config is broken");
        }

        @Override
        public Config getConfig(ClassLoader loader) {
            throw new UnsupportedOperationException("the config is broken");
        }

        @Override
        public ConfigBuilder getBuilder() {
            throw new UnsupportedOperationException("the config is broken");
        }

        @Override
        public void registerConfig(Config config, ClassLoader classLoader) {
        }

        @Override
        public void releaseConfig(Config config) {
        }
    }

    @Test
    void aConfigThatCannotBeReadIs550AndTheDefaultsAreShown() {
        ConfigProviderResolver previous = ConfigProviderResolver.instance();
        ConfigProviderResolver.setInstance(new Broken());
        try (LogCapture logs = new LogCapture("dev.chatsdk.jakarta.web")) {
            new ChatOpenApiFilter();

            assertThat(logs.lines()).containsExactly(
                    "CHATSDK-550: the OpenAPI document shows the default path for 'chatsdk.web.token-path': "
                            + "MicroProfile Config could not be read (java.lang.UnsupportedOperationException)",
                    "CHATSDK-550: the OpenAPI document shows the default path for 'chatsdk.web.api-base': "
                            + "MicroProfile Config could not be read (java.lang.UnsupportedOperationException)");
        } finally {
            ConfigProviderResolver.setInstance(previous);
        }
    }
}
