package dev.chatsdk.jakarta.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkConfigException;
import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.config.IdentityConfig;
import dev.chatsdk.jakarta.spi.ChatUserResolver;

/** The order in which the sources of a user are tried, each source, and the role claims. */
class IdentityResolverTest {
    private static final Function<String, Object> NO_ATTRIBUTES = name -> null;
    private final ChatSdkConfig config = new TestConfig().builder().set(IdentityConfig.USER_ATTRIBUTE, "currentUser")
            .set(IdentityConfig.JWT_CLAIMS, List.of("tenant", "groups", "address"))
            .set(IdentityConfig.ROLE_CLAIMS, List.of("chat-user", "moderator")).build();

    private IdentityResolver resolver(ChatUserResolver given) {
        return new IdentityResolver(config, given, getClass().getClassLoader());
    }

    private static Principal named(String name) {
        return () -> name;
    }

    @Test
    void asksTheApplicationsResolverFirst() {
        ChatUser user = resolver(p -> ChatUser.of("from-resolver"))
                .resolve(new AppUsers.AppPrincipal("ap", "AP"), name -> new AppUsers.FieldUser("attr", "A"), r -> false);

        assertThat(user.id()).isEqualTo("from-resolver");
    }

    @Test
    void readsAnAnnotatedPrincipalBeforeTheAttribute() {
        ChatUser user = resolver(null).resolve(new AppUsers.AppPrincipal("ap-1", "Annotated Principal"),
                name -> new AppUsers.FieldUser("attr", "A"), r -> false);

        assertThat(user.id()).isEqualTo("ap-1");
        assertThat(user.name()).contains("Annotated Principal");
    }

    @Test
    void readsTheAnnotatedObjectInTheConfiguredAttribute() {
        Map<String, Object> attributes = Map.of("currentUser", new AppUsers.FieldUser("jdoe", "Jane Doe"));

        ChatUser user = resolver(null).resolve(named("jdoe"), attributes::get, r -> false);

        assertThat(user.name()).contains("Jane Doe");
        assertThat(user.custom()).containsEntry("tenant", "acme");
    }

    @Test
    void takesAChatUserFromTheAttributeAsItIs() {
        ChatUser given = ChatUser.builder("u-9").name("Given").build();

        assertThat(resolver(null).resolve(named("u-9"), name -> given, r -> false).name()).contains("Given");
    }

    @Test
    void refusesAUserObjectThatIsNotTheLoggedInUsersAndWarnsNamingBoth() {
        Map<String, Object> attributes = Map.of("currentUser", new AppUsers.FieldUser("alice", "Alice"));
        dev.chatsdk.testsupport.LogCapture capture = new dev.chatsdk.testsupport.LogCapture("dev.chatsdk.jakarta.identity");
        List<java.util.logging.LogRecord> records = capture.records();
        try {
            assertThatThrownBy(() -> resolver(null).resolve(named("mallory\nCHATSDK-999: forged"), attributes::get,
                    r -> false)).isInstanceOfSatisfying(ChatSdkException.class, e -> assertThat(e.code())
                            .isEqualTo(ErrorCode.NO_CHAT_ACCESS))
                    .hasMessage("The application's user object for this request (attribute 'currentUser') belongs to "
                            + "another user than the one logged in; the server log names both (CHATSDK-210).");
        } finally {
            capture.close();
        }
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
            assertThat(record.getMessage()).startsWith("CHATSDK-210: the user object in the request or session "
                    + "attribute 'currentUser' (chatsdk.identity.user-attribute) has user id 'alice', but the "
                    + "logged-in user's id (the principal's name, or its claim chatsdk.identity.claims.user-id) is "
                    + "'mallory\\u000aCHATSDK-999: forged'; refused with 403 "
                    + "NO_CHAT_ACCESS.").endsWith("set chatsdk.identity.require-principal-match=false")
                    .doesNotContain("\n");
        });
    }

    @Test
    void letsTheUserObjectNameAnotherIdOnlyWhenTheMatchIsOff() {
        ChatSdkConfig unbound = new TestConfig().builder().set(IdentityConfig.USER_ATTRIBUTE, "currentUser")
                .set(IdentityConfig.REQUIRE_PRINCIPAL_MATCH, false)
                .build();
        Function<String, Object> attributes = name -> new AppUsers.FieldUser("u-42", "Jane Doe");

        ChatUser user = new IdentityResolver(unbound, null, getClass().getClassLoader())
                .resolve(named("jdoe@example.com"), attributes, r -> false);

        assertThat(user.id()).isEqualTo("u-42");
        assertThat(config.identity().requirePrincipalMatch()).isTrue();
        assertThatThrownBy(() -> resolver(null).resolve(named("jdoe@example.com"), attributes, r -> false))
                .isInstanceOfSatisfying(ChatSdkException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.NO_CHAT_ACCESS));
    }

    @Test
    void refusesAnAttributeHoldingAnUnannotatedObject() {
        assertThatThrownBy(() -> resolver(null).resolve(named("x"), name -> "just a string", r -> false))
                .isInstanceOfSatisfying(ChatSdkConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "CHATSDK-070: the attribute 'currentUser' (chatsdk.identity.user-attribute) holds a "
                                + "java.lang.String, which carries no @ChatUserId; put the application's annotated user "
                                + "object there, or a ChatUser"));
    }

    @Test
    void mapsAMicroProfileJwtPrincipal() {
        ChatUser user = resolver(null).resolve(MpJwts.principal(MpJwts.token("jwt-user")), NO_ATTRIBUTES, r -> false);

        assertThat(user.id()).isEqualTo("jwt-user");
        assertThat(user.name()).contains("JWT jwt-user");
        assertThat(user.avatar()).contains("https://idp.example.com/jwt-user.png");
        assertThat(user.email()).contains("jwt-user@example.com");
        assertThat(user.custom()).containsEntry("tenant", "acme").containsEntry("address", Map.of("city", "Lyon"));
        assertThat(user.custom().get("groups")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).containsExactlyInAnyOrder("chat-user", "staff");
    }

    @Test
    void fallsBackToThePrincipalName() {
        ChatUser user = resolver(null).resolve(named("plain-7"), NO_ATTRIBUTES, r -> false);

        assertThat(user.id()).isEqualTo("plain-7");
        assertThat(user.name()).isEmpty();
    }

    @Test
    void listsTheConfiguredRolesTheUserHas() {
        ChatUser user = resolver(null).resolve(named("r-1"), NO_ATTRIBUTES, Set.of("chat-user", "other")::contains);

        assertThat(user.custom()).containsEntry("roles", List.of("chat-user"));
    }

    @Test
    void failsAtStartUpOnABrokenServicesFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path services = java.nio.file.Files.createDirectories(dir.resolve("META-INF/services"));
        java.nio.file.Files.writeString(services.resolve(ChatUserResolver.class.getName()), "com.example.Missing\n");
        // a loader that sees only the broken file (not the test class path's own resolver)
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {dir.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> new IdentityResolver(config, null, loader))
                    .isInstanceOfSatisfying(ChatSdkConfigException.class, e -> assertThat(e.problems()).singleElement()
                            .asString().startsWith("CHATSDK-071: META-INF/services/dev.chatsdk.jakarta.spi.ChatUserResolver "
                                    + "lists a class that cannot be used (")
                            .contains("com.example.Missing").endsWith("); fix the file or the class"));
        }
    }

    @ApplicationScoped
    public static class CdiUserResolver implements ChatUserResolver {
        @Override
        public ChatUser resolve(Principal principal) {
            return ChatUser.builder(principal.getName()).name("From CDI").build();
        }
    }

    @Test
    void prefersTheApplicationsCdiBeanToServiceLoader() {
        try (WeldContainer cdi = new Weld().disableDiscovery().addBeanClasses(CdiUserResolver.class).initialize()) {
            ChatUser alice = resolver(null).resolve(named("alice"), NO_ATTRIBUTES, r -> false);

            assertThat(alice.name()).contains("From CDI");
        }
        assertThat(resolver(null).resolve(named("alice"), NO_ATTRIBUTES, r -> false).name()).contains("Alice Example");
    }
}
