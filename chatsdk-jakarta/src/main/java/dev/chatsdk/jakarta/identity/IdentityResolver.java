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
import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.spi.ChatUserResolver;

/**
 * Turns the authenticated principal of a request into a ChatSDK user, trying in this order:
 * <ol>
 * <li>the application's {@link ChatUserResolver}: given in code, else a CDI bean, else one listed for
 * {@link ServiceLoader};</li>
 * <li>the principal itself, when its type carries the ChatSDK annotations;</li>
 * <li>the request or session attribute named by {@code chatsdk.identity.user-attribute}, holding an
 * annotated object (or a {@link ChatUser}) whose user id must be the logged-in user's id (unless
 * {@code chatsdk.identity.require-principal-match=false}): a session can outlive a login and still hold the
 * previous user's object, which must not get tokens for the user now logged in. The logged-in user's id is the
 * principal's name, or the value of the {@code chatsdk.identity.claims.user-id} claim when that key is set and the
 * login carries claims;</li>
 * <li>the login's claims ({@link ClaimUsers}): a MicroProfile JWT principal's, WildFly's OpenID Connect principal's
 * ({@link PrincipalClaims}), or, for a principal of Jakarta Security, its {@code OpenIdContext}'s
 * ({@link OpenIdContexts});</li>
 * <li>the principal name alone.</li>
 * </ol>
 * Then the roles listed in {@code chatsdk.identity.role-claims} that the user has go into
 * {@code custom.roles}. The ServiceLoader lookup happens at start-up (a broken services file fails the
 * deployment); the CDI lookup on first use (CDI may not run yet at deployment), then is kept. Thread-safe.
 */
public final class IdentityResolver {
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta.identity");
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
        Claims claims = user == null ? claims(principal) : null;
        if (user == null && config.identity().userAttribute().isPresent()) {
            user = fromAttribute(attributes.apply(config.identity().userAttribute().orElse(null)));
            if (user != null && config.identity().requirePrincipalMatch()) {
                String loggedIn = ClaimUsers.id(principal, claims, config.identity());
                if (!user.id().equals(loggedIn)) {
                    throw mismatch(user.id(), loggedIn);
                }
            }
        }
        if (user == null && claims != null) {
            user = ClaimUsers.read(principal, claims, config.identity());
        }
        if (user == null) {
            user = ChatUser.of(principal.getName());
        }
        return withRoles(user, roles);
    }

    /**
     * @return the claims the principal carries; for a principal of Jakarta Security, those of its
     *         {@code OpenIdContext} login; {@code null} when there are none
     */
    private static Claims claims(Principal principal) {
        Claims claims = PrincipalClaims.of(principal);
        if (claims == null && PrincipalClaims.isCallerPrincipal(principal)) {
            claims = OpenIdContexts.current(Thread.currentThread().getContextClassLoader());
        }
        return claims;
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
                    config.identity().userAttribute().orElse(null), ChatSdkConfig.Keys.IDENTITY_USER_ATTRIBUTE, value.getClass().getName())));
        }
        return AnnotatedUsers.read(value);
    }

    /**
     * @return the 403 for a user object that is not the logged-in user's, after a warning naming both ids and where
     *         each came from (the answer names neither: the caller may be the other user)
     */
    private ChatSdkException mismatch(String attributeId, String principalName) {
        LOG.log(System.Logger.Level.WARNING, String.format("CHATSDK-210: the user object in the request or session "
                + "attribute '%s' (%s) has user id '%s', but the logged-in user's id (the principal's name, or its claim %s) "
                + "is '%s'; refused with "
                + "403 NO_CHAT_ACCESS. A session still holding the object of an earlier login? Replace the attribute when "
                + "the login changes (or invalidate the session at login). Where principal names differ from chat ids "
                + "by design, implement ChatUserResolver or set %s=false", config.identity().userAttribute().orElse(null),
                ChatSdkConfig.Keys.IDENTITY_USER_ATTRIBUTE, printable(attributeId), ChatSdkConfig.Keys.IDENTITY_CLAIM_USER_ID,
                printable(principalName),
                ChatSdkConfig.Keys.IDENTITY_REQUIRE_PRINCIPAL_MATCH));
        return new ChatSdkException(ErrorCode.NO_CHAT_ACCESS, String.format("The application's user object for this "
                + "request (attribute '%s') belongs to another user than the one logged in; the server log names both "
                + "(CHATSDK-210).", config.identity().userAttribute().orElse(null)));
    }

    /** @return the text with control characters escaped, so a principal name cannot forge log lines */
    private static String printable(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }

    private ChatUser withRoles(ChatUser user, Predicate<String> roles) {
        if (config.identity().roleClaims().isEmpty()) {
            return user;
        }
        List<String> held = config.identity().roleClaims().stream().filter(roles).collect(Collectors.toList());
        return user.toBuilder().claim("roles", held).build();
    }
}
