package dev.chatsdk.jakarta.config;

/**
 * What the end of the application's HTTP session in which chat tokens were issued revokes: on logout
 * ({@code chatsdk.web.logout-ends}) and on idle expiry ({@code chatsdk.web.expiry-ends}).
 *
 * @since 0.3
 */
public enum SessionEndRevokes {
    /** The chat sessions issued by the token endpoint within that HTTP session. */
    SESSIONS,
    /** Every chat session of the users who got tokens within that HTTP session, on any device. */
    USER,
    /** Nothing: the chat sessions live on until they end by themselves. */
    NONE;

    static SessionEndRevokes parse(String text) {
        return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
