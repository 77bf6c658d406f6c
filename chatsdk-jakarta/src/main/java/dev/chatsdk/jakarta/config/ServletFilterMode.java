package dev.chatsdk.jakarta.config;

/**
 * When the servlet filter answers requests itself ({@code chatsdk.web.servlet-filter}).
 *
 * @since 0.1 (as {@code ChatSdkConfig.ServletFilterMode}; in this package since 0.3)
 */
public enum ServletFilterMode {
    /** Step aside when a JAX-RS application is mapped at the context root and serves the default paths. */
    AUTO,
    /** Always answer in the filter. */
    ALWAYS,
    /** Never register the filter; a JAX-RS {@code ChatTokenResource} answers. */
    NEVER;

    static ServletFilterMode parse(String text) {
        return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
