package dev.chatsdk.jakarta.config;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.Config;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkConfigException;

/**
 * What the configuration tests share: properties read as MicroProfile Config, the problems they fail with, and how
 * those problems name the source of a value. Public for the tests of {@code dev.chatsdk.jakarta} that read the
 * configuration too ({@code ChatSdkConfigTest}, {@code ConfigPartsTest}).
 */
public final class ConfigFixture {
    /** How a problem names where a value read through {@link #mp} came from. */
    public static final String SOURCE = "[from PropertiesConfigSource[source=test]]";

    private ConfigFixture() {
    }

    /** @return MicroProfile Config holding exactly {@code properties} */
    public static Config mp(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 500)).build();
    }

    /** @return the problems reading {@code properties} fails with; fails the test where it does not fail */
    public static List<String> problems(Map<String, String> properties) {
        try {
            ChatSdkConfig.from(mp(properties));
        } catch (ChatSdkConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected a configuration problem");
    }

    /** @return the problem of a value above its bound, as the module words it */
    static String above(String key, String value, String bound, String because) {
        return "CHATSDK-023: '" + key + "' " + SOURCE + " is " + value + ", above its bound of " + bound + " because "
                + because + "; use " + bound + " or less";
    }
}
