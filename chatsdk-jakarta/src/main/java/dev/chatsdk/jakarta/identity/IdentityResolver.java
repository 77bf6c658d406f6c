package dev.chatsdk.jakarta.identity;

import java.security.Principal;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkConfigException;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.spi.ChatUserResolver;

/**
 * Turns the authenticated principal of a request into a ChatSDK user, trying in this order:
 * <ol>
 * <li>the application's {@link ChatUserResolver}: given in code, else a CDI bean, else one listed for
 * {@link ServiceLoader};</li>
 * <li>the principal itself, when its type carries the ChatSDK annotations;</li>
 * <li>the request or session attribute named by {@code chatsdk.identity.user-attribute}, holding an
 * annotated object (or a {@link ChatUser});</li>
 * <li>a MicroProfile JWT principal's claims;</li>
 * <li>the principal name alone.</li>
 * </ol>
 * Then the roles listed in {@code chatsdk.identity.role-claims} that the user has go into
 * {@code custom.roles}. The ServiceLoader lookup happens at start-up (a broken services file fails the
 * deployment); the CDI lookup on first use (CDI may not run yet at deployment), then is kept. Thread-safe.
 */
public final class IdentityResolver {
    private final ChatSdkConfig config;
    private final ChatUserResolver given;
    private final ChatUserResolver listed;
    private volatile ChatUserResolver found;
    private volatile boolean looked;

    /**
     * @param config the configuration
     * @param given  a resolver given in code, or {@code null}
     * @param loader where to look for a {@link ServiceLoader} resolver
     */
    public IdentityResolver(ChatSdkConfig config, ChatUserResolver given, ClassLoader loader) {
        this.config = config;
        this.given = given;
        this.listed = given != null ? null : listed(loader);
    }

    /**
     * @return the first resolver listed for {@link ServiceLoader}, or {@code null}
     * @throws ChatSdkConfigException if a listed class cannot be loaded or instantiated
     */
    private static ChatUserResolver listed(ClassLoader loader) {
        try {
            return ServiceLoader.load(ChatUserResolver.class, loader).findFirst().orElse(null);
        } catch (ServiceConfigurationError e) {
            throw new ChatSdkConfigException(List.of(String.format("CHATSDK-071: META-INF/services/%s lists a class "
                    + "that cannot be used (%s); fix the file or the class", ChatUserResolver.class.getName(),
                    e.getMessage())));
        }
    }

    /**
     * @param principal  the authenticated principal
     * @param attributes the request's attributes, then its session's
     * @param roles      the container's role check
     * @return the user
     */
    public ChatUser resolve(Principal principal, Function<String, Object> attributes, Predicate<String> roles) {
        ChatUser user = fromResolver(principal);
        if (user == null && AnnotatedUsers.isAnnotated(principal.getClass())) {
            user = AnnotatedUsers.read(principal);
        }
        if (user == null && config.userAttribute() != null) {
            user = fromAttribute(attributes.apply(config.userAttribute()));
        }
        if (user == null) {
            user = JwtPrincipals.read(principal, config.jwtClaims());
        }
        if (user == null) {
            user = ChatUser.of(principal.getName());
        }
        return withRoles(user, roles);
    }

    private ChatUser fromResolver(Principal principal) {
        ChatUserResolver resolver = resolver();
        return resolver == null ? null : resolver.resolve(principal);
    }

    /** @return the application's resolver: given in code, else a CDI bean, else ServiceLoader; or none */
    ChatUserResolver resolver() {
        if (given != null) {
            return given;
        }
        if (!looked) {
            ChatUserResolver cdi = CdiResolvers.find();
            found = cdi != null ? cdi : listed;
            looked = true;
        }
        return found;
    }

    private ChatUser fromAttribute(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof ChatUser) {
            return (ChatUser) value;
        }
        if (!AnnotatedUsers.isAnnotated(value.getClass())) {
            throw new ChatSdkConfigException(List.of(String.format("CHATSDK-070: the attribute '%s' (%s) holds a %s, "
                    + "which carries no @ChatUserId; put the application's annotated user object there, or a ChatUser",
                    config.userAttribute(), ChatSdkConfig.Keys.IDENTITY_USER_ATTRIBUTE, value.getClass().getName())));
        }
        return AnnotatedUsers.read(value);
    }

    private ChatUser withRoles(ChatUser user, Predicate<String> roles) {
        if (config.roleClaims().isEmpty()) {
            return user;
        }
        List<String> held = config.roleClaims().stream().filter(roles).collect(Collectors.toList());
        return user.toBuilder().claim("roles", held).build();
    }
}
