package dev.chatsdk.jakarta.identity;

import java.lang.annotation.Annotation;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.chatsdk.jakarta.ChatClaim;
import dev.chatsdk.jakarta.ChatSdkConfigException;
import dev.chatsdk.jakarta.ChatUserAvatar;
import dev.chatsdk.jakarta.ChatUserEmail;
import dev.chatsdk.jakarta.ChatUserId;
import dev.chatsdk.jakarta.ChatUserName;

/**
 * How to read a ChatSDK user out of one application type: its annotated fields and getters, found once
 * (superclasses and interfaces included) and checked, so that each request only reads values.
 * Immutable; built by {@link AnnotatedUsers}.
 */
final class UserTypeMapping {
    final Class<?> type;
    final Accessor id;
    final Accessor name;
    final Accessor avatar;
    final Accessor email;
    final Map<String, Accessor> claims;
    final Map<String, String> constants;

    /** One annotated field or zero-argument getter. */
    static final class Accessor {
        final AccessibleObject member;
        final String description;

        Accessor(AccessibleObject member, String description) {
            this.member = member;
            this.description = description;
        }

        Object read(Object source) throws ReflectiveOperationException {
            return member instanceof Field ? ((Field) member).get(source) : ((Method) member).invoke(source);
        }

        Class<?> valueType() {
            return member instanceof Field ? ((Field) member).getType() : ((Method) member).getReturnType();
        }
    }

    private UserTypeMapping(Class<?> type, Accessor id, Accessor name, Accessor avatar, Accessor email,
            Map<String, Accessor> claims, Map<String, String> constants) {
        this.type = type;
        this.id = id;
        this.name = name;
        this.avatar = avatar;
        this.email = email;
        this.claims = claims;
        this.constants = constants;
    }

    /**
     * @return the mapping, or {@code null} when the type carries no ChatSDK annotation at all
     * @throws ChatSdkConfigException listing every mistake in the type's annotations
     */
    static UserTypeMapping of(Class<?> type) {
        List<String> problems = new ArrayList<>();
        Map<Class<? extends Annotation>, List<Accessor>> found = new LinkedHashMap<>();
        Map<String, String> constants = new LinkedHashMap<>();
        for (Class<?> c : hierarchy(type)) {
            for (ChatClaim claim : c.getDeclaredAnnotationsByType(ChatClaim.class)) {
                if (claim.constant().isEmpty()) {
                    problems.add(String.format("CHATSDK-066: @ChatClaim(\"%s\") on type %s needs a constant value; "
                            + "write @ChatClaim(value = \"%s\", constant = \"...\"), or put it on a field or getter",
                            claim.value(), c.getName(), claim.value()));
                } else {
                    constants.putIfAbsent(claim.value(), claim.constant());
                }
            }
            for (Field f : c.getDeclaredFields()) {
                collect(f, describe(f), found, problems);
            }
            for (Method m : c.getDeclaredMethods()) {
                if (!m.isBridge() && !m.isSynthetic() && !overridden(m, found)) {
                    collect(m, describe(m), found, problems);
                }
            }
        }
        if (found.isEmpty() && constants.isEmpty() && problems.isEmpty()) {
            return null;
        }
        Accessor id = single(type, ChatUserId.class, found, problems, true);
        Accessor name = single(type, ChatUserName.class, found, problems, true);
        Accessor avatar = single(type, ChatUserAvatar.class, found, problems, true);
        Accessor email = single(type, ChatUserEmail.class, found, problems, true);
        if (id == null && !found.containsKey(ChatUserId.class)) {
            problems.add(String.format("CHATSDK-065: %s has ChatSDK annotations but no @ChatUserId; put it on the "
                    + "field or getter that holds the user id", type.getName()));
        }
        Map<String, Accessor> claims = new LinkedHashMap<>();
        for (Accessor a : found.getOrDefault(ChatClaim.class, List.of())) {
            ChatClaim claim = a.member.getAnnotation(ChatClaim.class);
            if (!claim.constant().isEmpty()) {
                problems.add(String.format("CHATSDK-066: @ChatClaim(\"%s\") on %s takes its value from the member; "
                        + "remove constant", claim.value(), a.description));
            } else if (claims.putIfAbsent(claim.value(), a) != null) {
                problems.add(String.format("CHATSDK-062: two @ChatClaim(\"%s\") in %s: %s and %s; keep one",
                        claim.value(), type.getName(), claims.get(claim.value()).description, a.description));
            }
        }
        if (!problems.isEmpty()) {
            throw new ChatSdkConfigException(problems);
        }
        return new UserTypeMapping(type, id, name, avatar, email, claims, constants);
    }

    private static void collect(AccessibleObject member, String description,
            Map<Class<? extends Annotation>, List<Accessor>> found, List<String> problems) {
        for (Class<? extends Annotation> kind : List.of(ChatUserId.class, ChatUserName.class, ChatUserAvatar.class,
                ChatUserEmail.class, ChatClaim.class)) {
            if (!member.isAnnotationPresent(kind)) {
                continue;
            }
            if (Modifier.isStatic(((Member) member).getModifiers())) {
                problems.add(String.format("CHATSDK-064: %s is static; annotate an instance field or getter",
                        description));
                continue;
            }
            if (member instanceof Method && (((Method) member).getParameterCount() > 0
                    || ((Method) member).getReturnType() == void.class)) {
                problems.add(String.format("CHATSDK-063: %s is annotated @%s but is not a getter; annotate a method "
                        + "without parameters that returns the value", description, kind.getSimpleName()));
                continue;
            }
            try {
                member.setAccessible(true);
            } catch (RuntimeException e) {
                problems.add(String.format("CHATSDK-067: %s cannot be read (%s); make it public, or open its package "
                        + "to the module", description, e.getClass().getSimpleName()));
                continue;
            }
            found.computeIfAbsent(kind, k -> new ArrayList<>()).add(new Accessor(member, description));
        }
    }

    private static Accessor single(Class<?> type, Class<? extends Annotation> kind,
            Map<Class<? extends Annotation>, List<Accessor>> found, List<String> problems, boolean mustBeString) {
        List<Accessor> members = found.getOrDefault(kind, List.of());
        if (members.size() > 1) {
            problems.add(String.format("CHATSDK-060: %s has %d @%s members (%s); keep one", type.getName(),
                    members.size(), kind.getSimpleName(), String.join(", ",
                            members.stream().map(a -> a.description).toArray(String[]::new))));
            return null;
        }
        if (members.isEmpty()) {
            return null;
        }
        Accessor only = members.get(0);
        if (mustBeString && only.valueType() != String.class) {
            problems.add(String.format("CHATSDK-061: %s is annotated @%s but is a %s; annotate a String field or "
                    + "getter instead (e.g. one that returns String.valueOf(...))", only.description,
                    kind.getSimpleName(), only.valueType().getSimpleName()));
            return null;
        }
        return only;
    }

    /** A getter the subclass already contributed (same name, no parameters) is not read twice. */
    private static boolean overridden(Method m, Map<Class<? extends Annotation>, List<Accessor>> found) {
        for (List<Accessor> accessors : found.values()) {
            for (Accessor a : accessors) {
                if (a.member instanceof Method && ((Method) a.member).getName().equals(m.getName())
                        && m.getParameterCount() == 0 && ((Method) a.member).getParameterCount() == 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The type, its superclasses, then every interface they implement; each once, most specific first. */
    private static Set<Class<?>> hierarchy(Class<?> type) {
        Set<Class<?>> all = new LinkedHashSet<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            all.add(c);
        }
        List<Class<?>> pending = new ArrayList<>(all);
        for (int i = 0; i < pending.size(); i++) {
            for (Class<?> itf : pending.get(i).getInterfaces()) {
                if (all.add(itf)) {
                    pending.add(itf);
                }
            }
        }
        return all;
    }

    private static String describe(Field f) {
        return f.getDeclaringClass().getName() + "." + f.getName() + " (field)";
    }

    private static String describe(Method m) {
        return m.getDeclaringClass().getName() + "." + m.getName() + "()";
    }
}
