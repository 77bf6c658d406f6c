package dev.chatsdk.jakarta.config;

/**
 * The forwarding header believed from a trusted proxy ({@code chatsdk.web.forwarded-header}).
 *
 * @since 0.2 (as {@code ChatSdkConfig.ForwardedHeader}; in this package since 0.3)
 */
public enum ForwardedHeader {
    /** {@code X-Forwarded-For}, the default. */
    X_FORWARDED_FOR,
    /** RFC 7239 {@code Forwarded}, its {@code for} parameters. */
    FORWARDED,
    /** Neither: the peer's address is the client's. */
    NONE;

    /**
     * @param text {@code x-forwarded-for}, {@code forwarded} or {@code none}, in any case
     * @return the value
     * @throws IllegalArgumentException if the text is none of them
     */
    public static ForwardedHeader parse(String text) {
        return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
}
