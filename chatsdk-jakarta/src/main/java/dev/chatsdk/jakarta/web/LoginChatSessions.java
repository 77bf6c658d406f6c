package dev.chatsdk.jakarta.web;

import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The chat sessions the token endpoint started within one HTTP session of the application: their ids and users only,
 * never a token. Kept as an attribute of that HTTP session, so a container that replicates or persists sessions
 * carries it along (hence {@link Serializable}). Immutable: each issue stores a new value with
 * {@code setAttribute}, which is what tells a replicating container that the attribute changed.
 */
public final class LoginChatSessions implements Serializable {
    /** Name of the HTTP session attribute. */
    public static final String ATTRIBUTE = "dev.chatsdk.jakarta.chat-sessions";
    /** Most chat sessions one HTTP session remembers; past it the oldest is revoked when logout ends sessions. */
    public static final int MAX_SESSIONS = 100;
    private static final long serialVersionUID = 1L;

    /** Session id to user id, oldest first. */
    private final LinkedHashMap<String, String> sessions;

    private LoginChatSessions(LinkedHashMap<String, String> sessions) {
        this.sessions = sessions;
    }

    /**
     * @param previous what the HTTP session held, or {@code null} (or anything else) for nothing
     * @param userId   the user the tokens were issued to
     * @param sessionId the chat session started
     * @return the chat sessions with this one added, the oldest dropped past {@link #MAX_SESSIONS}
     */
    public static LoginChatSessions with(Object previous, String userId, String sessionId) {
        LinkedHashMap<String, String> next = previous instanceof LoginChatSessions
                ? new LinkedHashMap<>(((LoginChatSessions) previous).sessions) : new LinkedHashMap<>();
        next.put(sessionId, userId);
        Iterator<String> oldest = next.keySet().iterator();
        while (next.size() > MAX_SESSIONS) {
            oldest.next();
            oldest.remove();
        }
        return new LoginChatSessions(next);
    }

    /**
     * @param sessions session id to user id
     * @return those chat sessions, in their order
     */
    static LoginChatSessions of(Map<String, String> sessions) {
        return new LoginChatSessions(new LinkedHashMap<>(sessions));
    }

    /**
     * @param previous what the HTTP session held before this value (anything else: nothing)
     * @return the chat sessions {@code previous} held and this value no longer does (past {@link #MAX_SESSIONS}),
     *         session id to user id
     */
    public Map<String, String> droppedFrom(Object previous) {
        if (!(previous instanceof LoginChatSessions)) {
            return Map.of();
        }
        Map<String, String> dropped = new LinkedHashMap<>(((LoginChatSessions) previous).sessions);
        dropped.keySet().removeAll(sessions.keySet());
        return dropped;
    }

    /** @return session id to user id, oldest first */
    public Map<String, String> sessions() {
        return Collections.unmodifiableMap(sessions);
    }

    /** Ids are no secrets, yet a log line needs only the count. */
    @Override
    public String toString() {
        return "LoginChatSessions[" + sessions.size() + "]";
    }
}
