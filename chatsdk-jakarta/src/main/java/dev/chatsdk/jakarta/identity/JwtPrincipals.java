package dev.chatsdk.jakarta.identity;

import java.io.IOException;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chatsdk.jakarta.ChatUser;

/**
 * Maps a MicroProfile JWT principal ({@code org.eclipse.microprofile.jwt.JsonWebToken}, as SmallRye JWT,
 * WildFly and Payara give it) to a user: id = the principal name (MP JWT: {@code upn}, else
 * {@code preferred_username}, else {@code sub}), name = {@code name} else {@code preferred_username},
 * avatar = {@code picture}, email = {@code email}, and the claims listed in
 * {@code chatsdk.identity.jwt-claims} copied into {@code custom}. Found by the interface's name, so the
 * module needs no MP JWT dependency.
 */
final class JwtPrincipals {
    static final String JSON_WEB_TOKEN = "org.eclipse.microprofile.jwt.JsonWebToken";
    private static final ObjectMapper JSON = new ObjectMapper();

    private JwtPrincipals() {
    }

    /** @return the user, or {@code null} when the principal is no MP JWT */
    static ChatUser read(Principal principal, List<String> customClaims) {
        Method getClaim = GET_CLAIM.get(principal.getClass()).orElse(null);
        if (getClaim == null) {
            return null;
        }
        Object name = claim(getClaim, principal, "name");
        Map<String, Object> custom = new LinkedHashMap<>();
        for (String c : customClaims) {
            Object value = claim(getClaim, principal, c);
            if (value != null) {
                custom.put(c, value);
            }
        }
        return ChatUser.builder(principal.getName())
                .name(text(name != null ? name : claim(getClaim, principal, "preferred_username")))
                .avatar(text(claim(getClaim, principal, "picture")))
                .email(text(claim(getClaim, principal, "email")))
                .custom(custom).build();
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    /** {@code JsonWebToken.getClaim(String)} of each principal type that implements it, looked up once per type. */
    private static final ClassValue<Optional<Method>> GET_CLAIM = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Class<?> itf : c.getInterfaces()) {
                    if (itf.getName().equals(JSON_WEB_TOKEN)) {
                        try {
                            return Optional.of(itf.getMethod("getClaim", String.class));
                        } catch (NoSuchMethodException e) {
                            return Optional.empty();
                        }
                    }
                }
            }
            return Optional.empty();
        }
    };

    /** A claim as JSON-shaped Java: JSON-P values are read back through their JSON text. */
    private static Object claim(Method getClaim, Principal principal, String name) {
        Object value;
        try {
            value = getClaim.invoke(principal, name);
        } catch (ReflectiveOperationException e) {
            return null;
        }
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Collection) {
            List<Object> items = new ArrayList<>();
            for (Object item : (Collection<?>) value) {
                items.add(item instanceof String ? item : fromJsonText(item));
            }
            return items;
        }
        return fromJsonText(value);
    }

    private static Object fromJsonText(Object jsonValue) {
        try {
            return JSON.readValue(String.valueOf(jsonValue), Object.class);
        } catch (IOException e) {
            return String.valueOf(jsonValue);
        }
    }
}
