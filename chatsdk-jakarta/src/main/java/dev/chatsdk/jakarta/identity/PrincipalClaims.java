package dev.chatsdk.jakarta.identity;

import java.lang.reflect.Method;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The claims a principal carries, found by the names of the types that carry them, so the module depends on none:
 * <ul>
 * <li>a MicroProfile JWT principal ({@code org.eclipse.microprofile.jwt.JsonWebToken}, as SmallRye JWT, WildFly and
 * Payara give it): its {@code getClaim(String)};</li>
 * <li>WildFly's OpenID Connect principal ({@code org.wildfly.security.http.oidc.OidcPrincipal} of
 * {@code elytron-oidc-client}): the claims of its security context's ID token, then of its access token (a
 * bearer-only deployment has the access token alone).</li>
 * </ul>
 * Jakarta Security's {@code OpenIdContext} is no principal but a CDI bean: see {@link OpenIdContexts}.
 */
final class PrincipalClaims {
    static final String JSON_WEB_TOKEN = "org.eclipse.microprofile.jwt.JsonWebToken";
    static final String OIDC_PRINCIPAL = "org.wildfly.security.http.oidc.OidcPrincipal";
    static final String OIDC_SECURITY_CONTEXT = "org.wildfly.security.http.oidc.OidcSecurityContext";
    static final String OIDC_TOKEN = "org.wildfly.security.http.oidc.JsonWebToken";
    static final String CALLER_PRINCIPAL = "jakarta.security.enterprise.CallerPrincipal";

    private PrincipalClaims() {
    }

    /** @return the principal's claims, or {@code null} when it carries none the module knows */
    static Claims of(Principal principal) {
        Method getClaim = GET_CLAIM.get(principal.getClass()).orElse(null);
        if (getClaim != null) {
            return new Claims("MicroProfile JWT", List.of(name -> invoke(getClaim, principal, name)));
        }
        Method context = OIDC_CONTEXT.get(principal.getClass()).orElse(null);
        if (context != null) {
            return elytron(invoke(context, principal));
        }
        return null;
    }

    /**
     * @return whether the principal is Jakarta Security's {@code CallerPrincipal} (or extends it), as its
     *         authentication mechanisms, OpenID Connect's among them, make it; only then is the session-scoped
     *         {@code OpenIdContext} consulted, which would otherwise open an HTTP session for every login
     */
    static boolean isCallerPrincipal(Principal principal) {
        for (Class<?> c = principal.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(CALLER_PRINCIPAL)) {
                return true;
            }
        }
        return false;
    }

    /** The tokens of WildFly's {@code OidcSecurityContext}: ID token first, then access token; those present. */
    private static Claims elytron(Object context) {
        List<java.util.function.Function<String, Object>> tokens = new ArrayList<>();
        if (context != null) {
            Method[] getters = {publicMethod(context.getClass(), OIDC_SECURITY_CONTEXT, "getIDToken"),
                publicMethod(context.getClass(), OIDC_SECURITY_CONTEXT, "getToken")};
            for (Method getter : getters) {
                Object token = getter == null ? null : invoke(getter, context);
                Method value = token == null ? null : publicMethod(token.getClass(), OIDC_TOKEN, "getClaimValue", String.class);
                if (value != null) {
                    tokens.add(name -> invoke(value, token, name));
                }
            }
        }
        return new Claims("WildFly OIDC", tokens);
    }

    private static Object invoke(Method method, Object target, Object... args) {
        try {
            return method.invoke(target, args);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** @return the method as the public type named {@code declaring} (in the type's ancestry) declares it, or {@code null} */
    static Method publicMethod(Class<?> type, String declaring, String name, Class<?>... parameters) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(declaring)) {
                try {
                    return c.getMethod(name, parameters);
                } catch (NoSuchMethodException e) {
                    return null;
                }
            }
        }
        return null;
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

    /** {@code OidcPrincipal.getOidcSecurityContext()} of each principal type that extends it, looked up once per type. */
    private static final ClassValue<Optional<Method>> OIDC_CONTEXT = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            return Optional.ofNullable(publicMethod(type, OIDC_PRINCIPAL, "getOidcSecurityContext"));
        }
    };
}
