/**
 * The parts of {@code ChatSdkConfig}, one per key prefix ({@link dev.chatsdk.jakarta.config.TokenConfig},
 * {@link dev.chatsdk.jakarta.config.LocalKeysConfig}, {@link dev.chatsdk.jakarta.config.RemoteConfig},
 * {@link dev.chatsdk.jakarta.config.SessionConfig}, {@link dev.chatsdk.jakarta.config.IdentityConfig},
 * {@link dev.chatsdk.jakarta.config.WebConfig}, {@link dev.chatsdk.jakarta.config.RateLimitConfig},
 * {@link dev.chatsdk.jakarta.config.CentrifugoConfig}), and the {@link dev.chatsdk.jakarta.config.Setting}
 * descriptors that define each key once: its name, environment variable, default, parser and bounds. Every part is
 * immutable and thread-safe, and never prints a secret.
 *
 * @since 0.3
 */
package dev.chatsdk.jakarta.config;
