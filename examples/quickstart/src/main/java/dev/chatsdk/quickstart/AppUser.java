package dev.chatsdk.quickstart;

import dev.chatsdk.jakarta.ChatClaim;
import dev.chatsdk.jakarta.ChatUserAvatar;
import dev.chatsdk.jakarta.ChatUserEmail;
import dev.chatsdk.jakarta.ChatUserId;
import dev.chatsdk.jakarta.ChatUserName;

/**
 * The application's own user, as it already exists in a real application (an entity, a DTO...).
 * Annotating it is all the ChatSDK module needs to put the user's profile into the chat tokens; the
 * client reads {@code role} and {@code department} back as {@code user.custom}.
 */
public final class AppUser {
    @ChatUserId
    private final String login;
    @ChatUserName
    private final String displayName;
    @ChatUserAvatar
    private final String avatarUrl;
    @ChatUserEmail
    private final String email;
    @ChatClaim("role")
    private final String role;
    @ChatClaim("department")
    private final String department;

    AppUser(String login, String displayName, String avatarUrl, String email, String role, String department) {
        this.login = login;
        this.displayName = displayName;
        this.avatarUrl = avatarUrl;
        this.email = email;
        this.role = role;
        this.department = department;
    }

    public String getLogin() {
        return login;
    }

    public String getDisplayName() {
        return displayName;
    }
}
