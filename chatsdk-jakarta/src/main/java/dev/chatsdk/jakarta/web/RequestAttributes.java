package dev.chatsdk.jakarta.web;

import java.util.function.Function;

/**
 * Lends the servlet request's attributes to the JAX-RS resource, which cannot reach them portably: the
 * servlet filter, which runs in front of JAX-RS even when it lets the resource answer, binds them to
 * the thread for the rest of the filter chain ({@link #bind} then, in a {@code finally},
 * {@link #restore}).
 */
public final class RequestAttributes {
    /** The pseudo-attribute under which the binding lends the peer's address. */
    public static final String REMOTE_ADDRESS = "dev.chatsdk.jakarta.remote-address";
    /**
     * The pseudo-attribute under which the binding lends a {@code BiConsumer<String, String>} of user id and chat
     * session id that records the chat session in the request's existing HTTP session.
     */
    public static final String CHAT_SESSION_RECORDER = "dev.chatsdk.jakarta.chat-session-recorder";

    private static final ThreadLocal<Function<String, Object>> CURRENT = new ThreadLocal<>();

    private RequestAttributes() {
    }

    /** @return what was bound before, to give to {@link #restore} */
    public static Function<String, Object> bind(Function<String, Object> attributes) {
        Function<String, Object> previous = CURRENT.get();
        CURRENT.set(attributes);
        return previous;
    }

    /** Puts back what {@link #bind} returned. */
    public static void restore(Function<String, Object> previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    /** @return the bound request's attribute, or {@code null} (also when nothing is bound) */
    public static Object get(String name) {
        Function<String, Object> attributes = CURRENT.get();
        return attributes == null ? null : attributes.apply(name);
    }
}
