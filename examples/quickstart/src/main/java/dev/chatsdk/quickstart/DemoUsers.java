package dev.chatsdk.quickstart;

import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.util.security.Credential;

/**
 * The quickstart's two demo accounts, known to the container (Jetty's {@link HashLoginService}), exactly
 * as a real application's users would be: the ChatSDK module only ever sees the authenticated principal.
 *
 * <ul>
 *   <li>{@code alice} / {@code alice-password}, role {@value #CHAT_ROLE}: gets chat tokens;</li>
 *   <li>{@code bob} / {@code bob-password}, no role: logs in, but gets 403 {@code NO_CHAT_ACCESS}.</li>
 * </ul>
 */
final class DemoUsers {
    /** The HTTP BASIC realm. */
    static final String REALM = "ChatSDK quickstart";
    /** The role {@code chatsdk.access.roles-allowed} asks for in the quickstart's defaults. */
    static final String CHAT_ROLE = "chat-user";

    private DemoUsers() {
    }

    /** @return a new login service holding alice and bob */
    static HashLoginService loginService() {
        UserStore users = new UserStore();
        users.addUser("alice", Credential.getCredential("alice-password"), new String[] {CHAT_ROLE});
        users.addUser("bob", Credential.getCredential("bob-password"), new String[0]);
        HashLoginService service = new HashLoginService(REALM);
        service.setUserStore(users);
        return service;
    }
}
