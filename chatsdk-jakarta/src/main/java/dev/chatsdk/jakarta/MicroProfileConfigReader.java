package dev.chatsdk.jakarta;

import java.util.Arrays;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;

import dev.chatsdk.jakarta.config.Setting;
import dev.chatsdk.jakarta.config.Settings;

/** Reads every {@link Settings#ALL setting} from MicroProfile Config into a {@link ChatSdkConfig.Builder}. */
final class MicroProfileConfigReader {
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta");

    private MicroProfileConfigReader() {
    }

    static ChatSdkConfig.Builder read(Config config) {
        ChatSdkConfig.Builder builder = ChatSdkConfig.builder();
        for (Setting<?> setting : Settings.ALL) {
            config.getOptionalValue(setting.key(), String.class).ifPresent(value -> {
                ConfigValue cv = config.getConfigValue(setting.key());
                builder.source(setting.key(), cv == null ? null : cv.getSourceName());
                builder.set(setting.key(), value);
            });
        }
        warnAboutUnknownKeys(config);
        return builder;
    }

    private static void warnAboutUnknownKeys(Config config) {
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("chatsdk.") && Settings.byKey(name).isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, String.format(
                        "CHATSDK-101: '%s' is not a ChatSDK Jakarta key and is ignored; did you mean '%s'?",
                        name, closest(name)));
            }
        }
    }

    static String closest(String name) {
        return ChatSdkConfig.Keys.ALL.stream()
                .min((a, b) -> Integer.compare(distance(name, a), distance(name, b)))
                .orElseThrow();
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        Arrays.setAll(prev, i -> i);
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
