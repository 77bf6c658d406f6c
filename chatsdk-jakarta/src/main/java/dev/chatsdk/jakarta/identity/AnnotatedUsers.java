package dev.chatsdk.jakarta.identity;

import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chatsdk.jakarta.ChatSdkConfigException;
import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ChatUser;

/**
 * Reads ChatSDK users out of the application's own annotated objects ({@code @ChatUserId},
 * {@code @ChatUserName}, {@code @ChatUserAvatar}, {@code @ChatUserEmail}, {@code @ChatClaim}). Each
 * type is inspected once and cached; a type whose annotations are wrong fails the same way every time
 * it is met, and is logged once. Thread-safe.
 */
public final class AnnotatedUsers {
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta.identity");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

    /** The mapping of each type, or the exception its annotations earn; absent mapping: not annotated. */
    private static final ClassValue<Object> MAPPINGS = new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> type) {
            try {
                UserTypeMapping mapping = UserTypeMapping.of(type);
                return mapping == null ? NOT_ANNOTATED : mapping;
            } catch (ChatSdkConfigException e) {
                return e;
            }
        }
    };
    private static final Object NOT_ANNOTATED = new Object();

    private AnnotatedUsers() {
    }

    /** @return whether the type carries ChatSDK annotations (rightly or wrongly) */
    public static boolean isAnnotated(Class<?> type) {
        return MAPPINGS.get(type) != NOT_ANNOTATED;
    }

    /**
     * @param source an object of an annotated type
     * @return the user it describes
     * @throws ChatSdkConfigException   if the type's annotations are wrong, or a claim value cannot be written as JSON
     * @throws ChatSdkException         with {@code INVALID_USER_ID} or {@code INVALID_REQUEST} naming the field and
     *                                  the type, if a value breaks the limits
     * @throws IllegalArgumentException if the type carries no ChatSDK annotation
     */
    public static ChatUser read(Object source) {
        Object found = MAPPINGS.get(source.getClass());
        if (found instanceof ChatSdkConfigException) {
            logOnce(source.getClass().getName(), ((ChatSdkConfigException) found).getMessage());
            throw (ChatSdkConfigException) found;
        }
        if (found == NOT_ANNOTATED) {
            throw new IllegalArgumentException(source.getClass().getName() + " carries no ChatSDK annotation");
        }
        UserTypeMapping mapping = (UserTypeMapping) found;
        try {
            Map<String, Object> custom = new LinkedHashMap<>(mapping.constants);
            for (Map.Entry<String, UserTypeMapping.Accessor> claim : mapping.claims.entrySet()) {
                Object value = json(claim.getValue(), claim.getValue().read(source));
                if (value != null) {
                    custom.put(claim.getKey(), value);
                }
            }
            return ChatUser.builder((String) mapping.id.read(source))
                    .name(text(mapping.name, source)).avatar(text(mapping.avatar, source))
                    .email(text(mapping.email, source)).custom(custom).build();
        } catch (ChatSdkConfigException e) {
            logOnce(mapping.type.getName() + "|" + e.getMessage(), e.getMessage());
            throw e;
        } catch (ChatSdkException e) {
            String message = e.getMessage() + " It was read from a " + mapping.type.getName() + ".";
            logOnce(mapping.type.getName() + "|" + e.code() + "|" + e.getMessage(), "CHATSDK-069: " + message);
            throw new ChatSdkException(e.code(), message);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("a getter of " + mapping.type.getName() + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + mapping.type.getName(), e);
        }
    }

    private static String text(UserTypeMapping.Accessor accessor, Object source) throws ReflectiveOperationException {
        return accessor == null ? null : (String) accessor.read(source);
    }

    /** The claim as JSON-shaped Java (maps, lists, strings, numbers, booleans), as java-jwt accepts it. */
    private static Object json(UserTypeMapping.Accessor accessor, Object value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.convertValue(value, Object.class);
        } catch (IllegalArgumentException e) {
            String problem = String.format("CHATSDK-068: %s holds a %s, which cannot be written as JSON; give the "
                    + "claim a JSON-friendly value (string, number, boolean, list, map, record or bean)",
                    accessor.description, value.getClass().getName());
            throw new ChatSdkConfigException(List.of(problem));
        }
    }

    private static void logOnce(String key, String message) {
        if (LOGGED.add(key)) {
            LOG.log(System.Logger.Level.ERROR, message);
        }
    }
}
