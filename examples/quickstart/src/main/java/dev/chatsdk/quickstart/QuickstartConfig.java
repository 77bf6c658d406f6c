package dev.chatsdk.quickstart;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import dev.chatsdk.jakarta.ChatSdkConfig;

/**
 * Builds the quickstart's MicroProfile Config with SmallRye Config:
 *
 * <ol>
 *   <li>overrides given in code (tests), ordinal {@value #OVERRIDES_ORDINAL}, never through system properties;</li>
 *   <li>system properties (400) and environment variables (300), by MicroProfile rules
 *       ({@code CHATSDK_LOCAL_SECRET} for {@code chatsdk.local.secret});</li>
 *   <li>{@code META-INF/microprofile-config.properties} (100): the quickstart's defaults;</li>
 *   <li>development secrets generated at start, ordinal {@value #GENERATED_ORDINAL}, only for the HS256
 *       secrets nothing above configures.</li>
 * </ol>
 */
final class QuickstartConfig {
    static final String OVERRIDES_SOURCE = "quickstart overrides";
    static final int OVERRIDES_ORDINAL = 500;
    static final String GENERATED_SOURCE = "quickstart development secrets (generated at start-up)";
    static final int GENERATED_ORDINAL = 10;

    private static final System.Logger LOG = System.getLogger("dev.chatsdk.quickstart");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<String> SECRETS = List.of(ChatSdkConfig.Keys.LOCAL_SECRET,
            ChatSdkConfig.Keys.LOCAL_WS_SECRET);

    private QuickstartConfig() {
    }

    /**
     * @param loader    the web context's class loader (where the defaults file and converters are looked up)
     * @param overrides keys set in code, above every other source; may be empty
     * @return the configuration to register for {@code loader}
     */
    static SmallRyeConfig build(ClassLoader loader, Map<String, String> overrides) {
        SmallRyeConfig probe = builder(loader, overrides).build();
        Map<String, String> generated = new LinkedHashMap<>();
        if (localIssuer(probe)) {
            for (String key : SECRETS) {
                if (probe.getOptionalValue(key, String.class).isEmpty()) {
                    generated.put(key, uniqueSecret(probe, generated));
                }
            }
        }
        SmallRyeConfigBuilder builder = builder(loader, overrides);
        if (!generated.isEmpty()) {
            builder.withSources(new PropertiesConfigSource(generated, GENERATED_SOURCE, GENERATED_ORDINAL));
            boolean one = generated.size() == 1;
            LOG.log(System.Logger.Level.WARNING, String.format("QUICKSTART: %s %s not configured, so %s generated for "
                    + "this run only: tokens issued now will not validate after a restart. Set %s to keep tokens valid "
                    + "(e.g. the output of 'openssl rand -base64 48'%s).",
                    String.join(" and ", generated.keySet()), one ? "is" : "are",
                    one ? "a random development secret was" : "random development secrets were",
                    String.join(" and ", generated.keySet().stream().map(ChatSdkConfig::env).toList()),
                    one ? "" : ", a different one each"));
        }
        return builder.build();
    }

    private static SmallRyeConfigBuilder builder(ClassLoader loader, Map<String, String> overrides) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .forClassLoader(loader)
                .addDefaultSources()
                .addDiscoveredConverters();
        if (!overrides.isEmpty()) {
            builder.withSources(new PropertiesConfigSource(Map.copyOf(overrides), OVERRIDES_SOURCE, OVERRIDES_ORDINAL));
        }
        return builder;
    }

    /** Secrets are only generated for the local (HS256) issuer; other issuers must be configured properly. */
    private static boolean localIssuer(SmallRyeConfig config) {
        Optional<String> issuer = config.getOptionalValue(ChatSdkConfig.Keys.ISSUER, String.class);
        Optional<String> algorithm = config.getOptionalValue("chatsdk.local.algorithm", String.class);
        return issuer.map(ChatSdkConfig.LOCAL::equals)
                .orElseGet(() -> config.getOptionalValue("chatsdk.api-url", String.class).isEmpty())
                && algorithm.map("HS256"::equalsIgnoreCase).orElse(true);
    }

    /** @return 48 random bytes, base64: 64 characters, different from every secret already set */
    private static String uniqueSecret(SmallRyeConfig config, Map<String, String> generated) {
        while (true) {
            byte[] bytes = new byte[48];
            RANDOM.nextBytes(bytes);
            String secret = Base64.getEncoder().encodeToString(bytes);
            boolean taken = generated.containsValue(secret) || SECRETS.stream()
                    .anyMatch(k -> config.getOptionalValue(k, String.class).filter(secret::equals).isPresent());
            if (!taken) {
                return secret;
            }
        }
    }
}
