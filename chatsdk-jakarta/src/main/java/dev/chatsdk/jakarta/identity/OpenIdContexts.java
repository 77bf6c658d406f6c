package dev.chatsdk.jakarta.identity;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;

/**
 * The claims of Jakarta Security's {@code OpenIdContext} (a CDI bean of the application that logs in with
 * {@code @OpenIdAuthenticationMechanismDefinition}): its ID token's claims, then its userinfo claims
 * ({@code getClaimsJson()}). Looked up by the interface's name through the application's class loader, so the module
 * needs no Jakarta Security dependency; nothing where CDI, the API or a login by OpenID Connect is absent.
 */
final class OpenIdContexts {
    static final String OPEN_ID_CONTEXT = "jakarta.security.enterprise.identitystore.openid.OpenIdContext";
    static final String IDENTITY_TOKEN = "jakarta.security.enterprise.identitystore.openid.IdentityToken";

    private OpenIdContexts() {
    }

    /** @return the current login's claims, or {@code null} without an OpenID Connect login of Jakarta Security */
    static Claims current(ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(OPEN_ID_CONTEXT, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        Object context;
        try {
            context = Lookup.find(type);
        } catch (NoClassDefFoundError | IllegalStateException e) {
            return null;
        } catch (RuntimeException e) {
            // the bean exists but cannot be had here (no active session scope...): no OpenID Connect login to read
            return null;
        }
        return context == null ? null : read(type, context);
    }

    /** @return the context's claims, or {@code null} when it holds no login (no subject) */
    static Claims read(Class<?> type, Object context) {
        if (invoke(method(type, "getSubject"), context) == null) {
            return null;
        }
        List<Function<String, Object>> tokens = new ArrayList<>();
        Object idToken = invoke(method(type, "getIdentityToken"), context);
        if (idToken != null) {
            Method claims = method(interfaceNamed(idToken.getClass(), IDENTITY_TOKEN), "getClaims");
            Object map = invoke(claims, idToken);
            if (map instanceof Map) {
                tokens.add(((Map<?, ?>) map)::get);
            }
        }
        Object userinfo = invoke(method(type, "getClaimsJson"), context);
        if (userinfo instanceof Map) {
            tokens.add(((Map<?, ?>) userinfo)::get);
        }
        return new Claims("Jakarta Security OpenIdContext", tokens);
    }

    private static Class<?> interfaceNamed(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> itf : c.getInterfaces()) {
                if (itf.getName().equals(name)) {
                    return itf;
                }
            }
        }
        return null;
    }

    private static Method method(Class<?> type, String name) {
        try {
            return type == null ? null : type.getMethod(name);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Object invoke(Method method, Object target) {
        try {
            return method == null ? null : method.invoke(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Holds the CDI types, so that this class loads where CDI is absent. */
    private static final class Lookup {
        static Object find(Class<?> type) {
            Instance<?> beans = CDI.current().select(type);
            return beans.isResolvable() ? beans.get() : null;
        }
    }
}
