package dev.chatsdk.jakarta;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The module built as MicroProfile users build it: {@link ChatSdk#fromMicroProfileConfig} over SmallRye Config holding
 * the given properties, registered for an application class loader of its own.
 */
public final class MpConfigured {
    private MpConfigured() {
    }

    /** @return the test deployment's properties with these changed: pairs of key and value, a null value removes */
    public static Map<String, String> properties(TestConfig test, String... overrides) {
        Map<String, String> p = new HashMap<>(test.properties());
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                p.remove(overrides[i]);
            } else {
                p.put(overrides[i], overrides[i + 1]);
            }
        }
        return p;
    }

    /** @return the module, read from MicroProfile Config holding {@code properties} */
    public static ChatSdk sdk(Map<String, String> properties) {
        try {
            return with(properties, ChatSdk::fromMicroProfileConfig);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What runs with an application class loader that sees the configuration. */
    public interface WithLoader<T> {
        T run(ClassLoader loader) throws Exception;
    }

    /** Runs {@code body} with an application class loader whose MicroProfile Config holds {@code properties}. */
    public static <T> T with(Map<String, String> properties, WithLoader<T> body) throws Exception {
        ClassLoader loader = new URLClassLoader(new URL[0], MpConfigured.class.getClassLoader());
        Config config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.registerConfig(config, loader);
        try {
            return body.run(loader);
        } finally {
            resolver.releaseConfig(config);
        }
    }

    /** @return the problems the start-up fails with */
    public static List<String> problems(Map<String, String> properties) {
        try {
            sdk(properties);
        } catch (ChatSdkConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected the start-up to fail");
    }
}
