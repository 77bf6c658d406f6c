package dev.chatsdk.jakarta.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.config.SessionEndRevokes;
import dev.chatsdk.jakarta.config.WebConfig;
import dev.chatsdk.jakarta.internal.ChatSdkInternals;
import dev.chatsdk.jakarta.spi.TokenIssuer;

/**
 * What the end of an application's HTTP session does to the chat sessions the token endpoint started within it,
 * independent of the web framework: on logout what {@code chatsdk.web.logout-ends} says, on idle expiry what
 * {@code chatsdk.web.expiry-ends} says, on anything else (a container stopping, a redeployment) nothing. Revokes
 * through the issuer's SPI, emits the {@code SessionRevoked} events, and never throws. Thread-safe.
 */
public final class HttpSessionEnds {
    /** How an HTTP session ended. */
    public enum Ending {
        /** The application invalidated it while answering a request: its logout. */
        LOGOUT,
        /** It was idle longer than its maximum inactive interval. */
        EXPIRY,
        /** Neither: the container stopped or passivated it, the application was undeployed. */
        OTHER
    }

    /**
     * Where the token endpoint recorded a chat session: in an HTTP session (with the oldest chat session that one no
     * longer holds), in none, or in one the application had already ended.
     */
    public static final class Recorded {
        /** The request had no HTTP session: nothing recorded. */
        public static final Recorded NONE = new Recorded(null, false, Map.of());
        /** The request's HTTP session was ended before the chat session could be recorded in it. */
        public static final Recorded INVALIDATED = new Recorded(null, true, Map.of());
        private final String httpSessionId;
        private final boolean invalidated;
        private final Map<String, String> dropped;

        private Recorded(String httpSessionId, boolean invalidated, Map<String, String> dropped) {
            this.httpSessionId = httpSessionId;
            this.invalidated = invalidated;
            this.dropped = Map.copyOf(dropped);
        }

        /**
         * @param httpSessionId the HTTP session's id (kept in memory only, never logged)
         * @param dropped       chat sessions the HTTP session no longer holds, session id to user id
         * @return recorded in that HTTP session
         */
        public static Recorded in(String httpSessionId, Map<String, String> dropped) {
            return new Recorded(httpSessionId, false, dropped);
        }

        @Override
        public String toString() {
            return invalidated ? "Recorded[invalidated]" : httpSessionId == null ? "Recorded[none]"
                    : "Recorded[in an HTTP session, " + dropped.size() + " dropped]";
        }
    }

    /** How long an ended HTTP session is remembered for a token request that was recording into it meanwhile. */
    private static final long ENDED_KEPT_NANOS = 60_000_000_000L;
    /** Most ended HTTP sessions remembered; the oldest beyond it are forgotten first. */
    private static final int ENDED_MAX = 10_000;
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta.web");
    /** The reason given to the issuer when the application's logout revokes a user (the ChatSDK API records it). */
    static final String LOGOUT_REASON = "app_logout: the application's logout (chatsdk.web.logout-ends=user)";
    /** The reason given to the issuer when an idle HTTP session's expiry revokes a user. */
    static final String EXPIRY_REASON = "app_session_expired: an idle HTTP session expired (chatsdk.web.expiry-ends=user)";

    /** Prefix of a recorded entry that names a user without a chat session id; never passed to {@code revokeSession}. */
    static final String USER_ONLY = "user-only:";

    private final ChatSdk sdk;
    private final SessionEndRevokes onLogout;
    private final SessionEndRevokes onExpiry;
    private final boolean bySession;
    /** HTTP session id to how and when (nanoTime) it ended, for those whose end revokes. */
    private final ConcurrentHashMap<String, Ended> endedRecently = new ConcurrentHashMap<>();

    private static final class Ended {
        final Ending ending;
        final long at;

        Ended(Ending ending, long at) {
            this.ending = ending;
            this.at = at;
        }
    }

    /** @param sdk the module whose chat sessions are revoked */
    public HttpSessionEnds(ChatSdk sdk) {
        this.sdk = sdk;
        this.onLogout = sdk.config().web().logoutEnds();
        this.onExpiry = sdk.config().web().expiryEnds();
        this.bySession = sdk.issuer().revokesSessions();
    }

    /** @return whether the chat sessions started within an HTTP session need to be recorded in it */
    public boolean records() {
        return effective(onLogout) || effective(onExpiry);
    }

    /**
     * @param sessionId the chat session's id ({@code sid}), or {@code null} when the issuer's tokens carry none (an
     *                  upstream API that writes no {@code sid})
     * @param userId    the user the tokens were issued to
     * @return what to record in the HTTP session: the session's id; without one, while a key asks for {@code user}, a
     *         stand-in naming the user alone ({@link #USER_ONLY}), which only user-wide revocation reads; else {@code null}
     */
    public String recordedId(String sessionId, String userId) {
        if (!records()) {
            return null;
        }
        if (sessionId != null) {
            return sessionId;
        }
        return onLogout == SessionEndRevokes.USER || onExpiry == SessionEndRevokes.USER ? USER_ONLY + userId : null;
    }

    private boolean effective(SessionEndRevokes revokes) {
        return revokes == SessionEndRevokes.USER || revokes == SessionEndRevokes.SESSIONS && bySession;
    }

    /**
     * @return the start-up warning ({@code CHATSDK-115}) when a key asks for {@code sessions} and the issuer cannot
     *         end one session by its id (the remote issuer: the ChatSDK API has no per-session revocation)
     */
    public Optional<String> startupWarning() {
        List<String> keys = new ArrayList<>();
        if (onLogout == SessionEndRevokes.SESSIONS && !bySession) {
            keys.add(WebConfig.LOGOUT_ENDS.key() + "=sessions");
        }
        if (onExpiry == SessionEndRevokes.SESSIONS && !bySession) {
            keys.add(WebConfig.EXPIRY_ENDS.key() + "=sessions");
        }
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        String key = keys.get(0).substring(0, keys.get(0).indexOf('='));
        String issuer = ChatSdkConfig.REMOTE.equals(sdk.config().issuer())
                ? "the remote issuer cannot end one chat session by its id (the ChatSDK API has no per-session revocation)"
                : "the issuer '" + sdk.config().issuer() + "' cannot end one chat session by its id";
        return Optional.of(String.format("CHATSDK-115: %s asks to revoke the chat sessions of an ended HTTP session, but "
                + "%s: they stay valid until their refresh tokens expire; set %s=user to revoke every chat session of "
                + "the user (on every device, too) instead, or %s=none to say that nothing is intended",
                String.join(" and ", keys), issuer, key, key));
    }

    /**
     * Revokes what the configuration says for an HTTP session that ended. Never throws: a failure is logged
     * ({@code CHATSDK-220}) and the chat sessions stay valid until they expire.
     *
     * @param recorded what the HTTP session held under {@link LoginChatSessions#ATTRIBUTE} (anything else: nothing)
     * @param ending   how it ended
     */
    public void ended(Object recorded, Ending ending) {
        if (!(recorded instanceof LoginChatSessions) || ending == Ending.OTHER) {
            return;
        }
        SessionEndRevokes revokes = ending == Ending.LOGOUT ? onLogout : onExpiry;
        if (!effective(revokes)) {
            return;
        }
        Map<String, String> sessions = ((LoginChatSessions) recorded).sessions();
        boolean expired = ending == Ending.EXPIRY;
        try {
            TokenIssuer issuer = sdk.issuer();
            var telemetry = ChatSdkInternals.of(sdk).telemetry();
            if (revokes == SessionEndRevokes.USER) {
                Set<String> users = new LinkedHashSet<>(sessions.values());
                for (String user : users) {
                    telemetry.endedWithHttpSession(user, null, issuer.revokeUser(user, expired ? EXPIRY_REASON : LOGOUT_REASON),
                            expired);
                }
            } else {
                for (Map.Entry<String, String> session : sessions.entrySet()) {
                    if (!session.getKey().startsWith(USER_ONLY) && issuer.revokeSession(session.getKey())) {
                        telemetry.endedWithHttpSession(session.getValue(), session.getKey(), 1, expired);
                    }
                }
            }
        } catch (RuntimeException | LinkageError e) {
            String why = e instanceof ChatSdkException ? ((ChatSdkException) e).code().name() : e.getClass().getName();
            LOG.log(System.Logger.Level.WARNING, String.format("CHATSDK-220: the %s of an HTTP session could not revoke "
                    + "the %d chat session(s) started in it (%s, users %s, per %s=%s): they stay valid until they "
                    + "expire", expired ? "expiry" : "end by the application (logout)", sessions.size(), why,
                    new LinkedHashSet<>(sessions.values()), (expired ? WebConfig.EXPIRY_ENDS : WebConfig.LOGOUT_ENDS).key(),
                    revokes.name().toLowerCase(java.util.Locale.ROOT)));
        }
    }

    /**
     * Notes that an HTTP session ended, before what it holds is read, when that end revokes: a token request recording
     * into it at the same moment then finds the note ({@link #settle}). Kept a minute, at most {@value #ENDED_MAX}.
     *
     * @param httpSessionId the ended HTTP session's id
     * @param ending        how it ended
     */
    public void markEnded(String httpSessionId, Ending ending) {
        if (ending == Ending.OTHER || !effective(ending == Ending.LOGOUT ? onLogout : onExpiry)) {
            return;
        }
        long now = System.nanoTime();
        endedRecently.put(httpSessionId, new Ended(ending, now));
        if (endedRecently.size() > ENDED_MAX) {
            endedRecently.values().removeIf(e -> now - e.at > ENDED_KEPT_NANOS);
            var oldest = endedRecently.entrySet().iterator();
            while (endedRecently.size() > ENDED_MAX && oldest.hasNext()) {
                oldest.next();
                oldest.remove();
            }
        }
    }

    /**
     * Settles a chat session the token endpoint just recorded: revokes the chat session the HTTP session dropped to make
     * room (when logout ends sessions), and revokes the new one when its HTTP session ended while the tokens were
     * being issued, which then must not be handed out. Never throws.
     *
     * @param where         where it was recorded
     * @param userId        the user the tokens were issued to
     * @param chatSessionId the chat session started
     * @return whether the new chat session was revoked: its login ended meanwhile
     */
    public boolean settle(Recorded where, String userId, String chatSessionId) {
        if (!where.dropped.isEmpty() && onLogout == SessionEndRevokes.SESSIONS && bySession) {
            ended(LoginChatSessions.of(where.dropped), Ending.LOGOUT);
        }
        Ending ending = null;
        if (where.invalidated) {
            ending = Ending.LOGOUT;
        } else if (where.httpSessionId != null) {
            Ended ended = endedRecently.get(where.httpSessionId);
            ending = ended == null ? null : ended.ending;
        }
        if (ending == null || !effective(ending == Ending.LOGOUT ? onLogout : onExpiry)) {
            return false;
        }
        ended(LoginChatSessions.with(null, userId, chatSessionId), ending);
        return true;
    }

    @Override
    public String toString() {
        return "HttpSessionEnds[logout=" + onLogout + ", expiry=" + onExpiry + ", bySession=" + bySession + "]";
    }
}
