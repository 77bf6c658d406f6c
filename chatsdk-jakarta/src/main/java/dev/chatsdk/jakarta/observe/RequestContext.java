package dev.chatsdk.jakarta.observe;

/**
 * The request being handled on this thread, for the events it causes: who sent it (the client address the web layer
 * resolved) and at which endpoint. Bound by the web layer around each request.
 */
final class RequestContext {
    private static final ThreadLocal<RequestContext> CURRENT = new ThreadLocal<>();

    final String clientIp;
    final String endpoint;

    private RequestContext(String clientIp, String endpoint) {
        this.clientIp = clientIp;
        this.endpoint = endpoint;
    }

    /** @return what to give {@link #restore} in a {@code finally} */
    static Object bind(String clientIp, String endpoint) {
        RequestContext previous = CURRENT.get();
        CURRENT.set(new RequestContext(clientIp, endpoint));
        return previous;
    }

    static void restore(Object previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set((RequestContext) previous);
        }
    }

    /** @return the client address bound to this thread, or {@code null} outside a request */
    static String clientIp() {
        RequestContext request = CURRENT.get();
        return request == null ? null : request.clientIp;
    }

    /** @return the endpoint bound to this thread, or {@code null} outside a request */
    static String endpoint() {
        RequestContext request = CURRENT.get();
        return request == null ? null : request.endpoint;
    }
}
