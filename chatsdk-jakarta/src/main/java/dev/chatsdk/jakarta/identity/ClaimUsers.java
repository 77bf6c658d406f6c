package dev.chatsdk.jakarta.identity;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkConfigException;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.config.IdentityConfig;

/**
 * Maps a login's {@link Claims} to a user by the {@code chatsdk.identity.claims.*} keys: id = the claim named by
 * {@code claims.user-id} (unset: the principal's name), name, avatar and email = the first of their claims present,
 * and the {@code claims.custom} claims copied into {@code custom}.
 */
final class ClaimUsers {
    private ClaimUsers() {
    }

    /** @return the user the claims describe */
    static ChatUser read(Principal principal, Claims claims, IdentityConfig config) {
        Map<String, Object> custom = new LinkedHashMap<>();
        for (String c : config.customClaims()) {
            Object value = claims.get(c);
            if (value != null) {
                custom.put(c, value);
            }
        }
        return ChatUser.builder(id(principal, claims, config)).name(first(claims, config.nameClaims()))
                .avatar(first(claims, config.avatarClaims())).email(first(claims, config.emailClaims()))
                .custom(custom).build();
    }

    /**
     * @return the chat user id of this login: the value of the {@code claims.user-id} claim, or the principal's name
     *         when that key is unset or the principal carries no claims
     * @throws ChatSdkConfigException (CHATSDK-211) when the claim is missing or not a string: the request fails, and
     *                                no other claim or name stands in for the id
     */
    static String id(Principal principal, Claims claims, IdentityConfig config) {
        String claim = config.userIdClaim().orElse(null);
        if (claim == null || claims == null) {
            return principal.getName();
        }
        Object value = claims.get(claim);
        if (value instanceof String && !((String) value).isEmpty()) {
            return (String) value;
        }
        throw new ChatSdkConfigException(List.of(String.format("CHATSDK-211: the login's claims (%s) have %s for the "
                + "claim '%s', which %s names as the chat user id; refused: no other claim or name stands in for the id. "
                + "Make the identity provider put the claim into the token the application receives (Keycloak: a mapper "
                + "with 'add to access token' for bearer tokens), or name a claim every login has", claims.source(),
                value == null ? "no value" : "a " + kind(value) + " instead of a text", claim,
                ChatSdkConfig.Keys.IDENTITY_CLAIM_USER_ID)));
    }

    private static String kind(Object value) {
        if (value instanceof String) {
            return "empty text";
        }
        if (value instanceof List) {
            return "list";
        }
        if (value instanceof Map) {
            return "JSON object";
        }
        return value instanceof Boolean ? "boolean" : "number";
    }

    /** @return the first of the claims that has a value, as text; {@code null} when none has */
    private static String first(Claims claims, List<String> names) {
        for (String name : names) {
            Object value = claims.get(name);
            if (value != null) {
                return String.valueOf(value);
            }
        }
        return null;
    }
}
