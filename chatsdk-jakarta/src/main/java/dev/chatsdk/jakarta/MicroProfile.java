package dev.chatsdk.jakarta;

import java.util.List;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The only class that touches {@link ConfigProvider}, so that a missing MicroProfile Config API
 * surfaces as one {@link NoClassDefFoundError} here, which {@link ChatSdk} turns into a message.
 */
final class MicroProfile {
    static final String MISSING_IMPLEMENTATION = "CHATSDK-001: no MicroProfile Config implementation is visible to "
            + "this application; on a server without one (Tomcat, Jetty), add io.smallrye.config:smallrye-config to "
            + "the server's or the application's classpath, or build the module in code with ChatSdk.builder()";
    static final String MISSING_API = "CHATSDK-002: the MicroProfile Config API is not on the classpath; on a server "
            + "without it (Tomcat, Jetty), add org.eclipse.microprofile.config:microprofile-config-api and "
            + "io.smallrye.config:smallrye-config, or build the module in code with ChatSdk.builder()";

    private MicroProfile() {
    }

    static ChatSdkConfig read(ClassLoader loader) {
        Config config;
        try {
            config = ConfigProvider.getConfig(loader);
        } catch (IllegalStateException e) {
            throw new ChatSdkConfigException(List.of(MISSING_IMPLEMENTATION));
        }
        return ChatSdkConfig.from(config);
    }
}
