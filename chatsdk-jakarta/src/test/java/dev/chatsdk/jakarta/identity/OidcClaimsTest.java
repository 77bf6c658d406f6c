package dev.chatsdk.jakarta.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.identitystore.openid.IdentityToken;
import jakarta.security.enterprise.identitystore.openid.OpenIdContext;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;
import org.wildfly.security.http.oidc.AccessToken;
import org.wildfly.security.http.oidc.IDToken;
import org.wildfly.security.http.oidc.OidcPrincipal;
import org.wildfly.security.http.oidc.RefreshableOidcSecurityContext;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkConfigException;
import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.MpConfigured;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.config.IdentityConfig;

/**
 * OpenID Connect logins mapped by the {@code chatsdk.identity.claims.*} keys: WildFly's {@code elytron-oidc-client}
 * principal and Jakarta Security's {@code OpenIdContext} (fakes of their types, same names and shapes, as the module
 * finds them by name; {@code KeycloakOidcIT} of tck-servers shows WildFly for real).
 */
class OidcClaimsTest {
    private static final String SUB = "5f0c7c1e-2b7a-4a57-9d4c-6f1c2a9b8e01";
    private static final Function<String, Object> NO_ATTRIBUTES = name -> null;

    /** As Keycloak's direct grant gives them: the access token carries the profile and the realm roles. */
    private static Map<String, Object> aliceAccessToken() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", SUB);
        claims.put("preferred_username", "alice");
        claims.put("name", "Alice Liddell");
        claims.put("given_name", "Alice");
        claims.put("email", "alice@example.com");
        claims.put("picture", "https://example.com/alice.png");
        claims.put("realm_access", Map.of("roles", List.of("chat-user")));
        claims.put("groups", List.of("readers"));
        return claims;
    }

    /** A bearer-only login of WildFly: access token alone, the principal named by the default {@code sub}. */
    private static Principal wildFly(Map<String, Object> access, Map<String, Object> id) {
        return new OidcPrincipal<>(SUB, new RefreshableOidcSecurityContext(new AccessToken(access),
                id == null ? null : new IDToken(id)));
    }

    private static IdentityResolver resolver(ChatSdkConfig.Builder builder) {
        return new IdentityResolver(builder.build(), null, OidcClaimsTest.class.getClassLoader());
    }

    private static ChatSdkConfig.Builder config() {
        return new TestConfig().builder();
    }

    @Test
    void mapsWildFlysOidcPrincipalByDefaultKeepingThePrincipalNameAsId() {
        ChatUser user = resolver(config()).resolve(wildFly(aliceAccessToken(), null), NO_ATTRIBUTES, r -> false);

        assertThat(user.id()).isEqualTo(SUB);
        assertThat(user.name()).contains("Alice Liddell");
        assertThat(user.email()).contains("alice@example.com");
        assertThat(user.avatar()).contains("https://example.com/alice.png");
        assertThat(user.custom()).isEmpty();
    }

    @Test
    void takesTheUserIdNameAndCustomClaimsAsConfigured() {
        ChatUser user = resolver(config().set(IdentityConfig.CLAIM_USER_ID, "preferred_username")
                .set(IdentityConfig.CLAIM_NAME, List.of("nickname", "given_name"))
                .set(IdentityConfig.CLAIM_CUSTOM, List.of("realm_access", "groups", "absent")))
                .resolve(wildFly(aliceAccessToken(), null), NO_ATTRIBUTES, r -> false);

        assertThat(user.id()).isEqualTo("alice");
        assertThat(user.name()).contains("Alice");
        assertThat(user.custom()).containsOnlyKeys("realm_access", "groups")
                .containsEntry("realm_access", Map.of("roles", List.of("chat-user")))
                .containsEntry("groups", List.of("readers"));
    }

    @Test
    void readsTheIdTokenBeforeTheAccessToken() {
        Map<String, Object> id = new LinkedHashMap<>(aliceAccessToken());
        id.put("name", "Alice from the ID token");
        Map<String, Object> access = new LinkedHashMap<>(aliceAccessToken());
        access.remove("email");

        ChatUser user = resolver(config()).resolve(wildFly(access, id), NO_ATTRIBUTES, r -> false);

        assertThat(user.name()).contains("Alice from the ID token");
        assertThat(user.email()).contains("alice@example.com");
    }

    @Test
    void theFormerJwtClaimsKeyStillFillsCustom() {
        ChatUser user = resolver(config().set(IdentityConfig.JWT_CLAIMS, List.of("groups")))
                .resolve(wildFly(aliceAccessToken(), null), NO_ATTRIBUTES, r -> false);

        assertThat(user.custom()).containsOnlyKeys("groups");
    }

    @Test
    void failsTheRequestWhenTheUserIdClaimIsMissingNeverFallingBackToTheSub() {
        Map<String, Object> access = new LinkedHashMap<>(aliceAccessToken());
        access.remove("preferred_username");
        IdentityResolver resolver = resolver(config().set(IdentityConfig.CLAIM_USER_ID, "preferred_username"));

        assertThatThrownBy(() -> resolver.resolve(wildFly(access, null), NO_ATTRIBUTES, r -> false))
                .isInstanceOfSatisfying(ChatSdkConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "CHATSDK-211: the login's claims (WildFly OIDC) have no value for the claim 'preferred_username', "
                                + "which chatsdk.identity.claims.user-id names as the chat user id; refused: no other "
                                + "claim or name stands in for the id. Make the identity provider put the claim into the "
                                + "token the application receives (Keycloak: a mapper with 'add to access token' for "
                                + "bearer tokens), or name a claim every login has"));
    }

    @Test
    void failsTheRequestWhenTheUserIdClaimIsNoText() {
        IdentityResolver resolver = resolver(config().set(IdentityConfig.CLAIM_USER_ID, "groups"));

        assertThatThrownBy(() -> resolver.resolve(wildFly(aliceAccessToken(), null), NO_ATTRIBUTES, r -> false))
                .isInstanceOfSatisfying(ChatSdkConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().startsWith("CHATSDK-211: the login's claims (WildFly OIDC) have a list instead of a "
                                + "text for the claim 'groups'"));
    }

    @Test
    void comparesTheUserObjectWithTheClaimIdWhenTheUserIdClaimIsSet() {
        ChatSdkConfig.Builder builder = config().set(IdentityConfig.USER_ATTRIBUTE, "currentUser")
                .set(IdentityConfig.CLAIM_USER_ID, "preferred_username");
        Principal login = wildFly(aliceAccessToken(), null);

        ChatUser alice = resolver(builder).resolve(login, name -> ChatUser.builder("alice").name("App Alice").build(),
                r -> false);
        assertThat(alice.name()).contains("App Alice");
        assertThatThrownBy(() -> resolver(builder).resolve(login, name -> ChatUser.of("mallory"), r -> false))
                .isInstanceOfSatisfying(ChatSdkException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_CHAT_ACCESS));
    }

    @Test
    void keepsThePrincipalNameOfAPrincipalWithoutClaims() {
        ChatUser user = resolver(config().set(IdentityConfig.CLAIM_USER_ID, "preferred_username"))
                .resolve(() -> "form-user", NO_ATTRIBUTES, r -> false);

        assertThat(user.id()).isEqualTo("form-user");
        assertThat(user.name()).isEmpty();
    }

    /** Jakarta Security's context of an OpenID Connect login, as a CDI bean (the fake's instance). */
    @ApplicationScoped
    public static class OpenIdLogin {
        static volatile String subject = SUB;

        @Produces
        OpenIdContext context() {
            return new OpenIdContext() {
                @Override
                public String getSubject() {
                    return subject;
                }

                @Override
                public IdentityToken getIdentityToken() {
                    return () -> Map.of("sub", SUB, "preferred_username", "carol", "name", "Carol from the ID token");
                }

                @Override
                public JsonObject getClaimsJson() {
                    return Json.createObjectBuilder().add("email", "carol@example.com")
                            .add("picture", "https://example.com/carol.png")
                            .add("address", Json.createObjectBuilder().add("city", "Lyon")).build();
                }
            };
        }
    }

    @Test
    void readsJakartaSecuritysOpenIdContextForItsCallerPrincipal() {
        ChatSdkConfig.Builder builder = config().set(IdentityConfig.CLAIM_USER_ID, "preferred_username")
                .set(IdentityConfig.CLAIM_CUSTOM, List.of("address"));
        try (WeldContainer cdi = new Weld().disableDiscovery().addBeanClasses(OpenIdLogin.class).initialize()) {
            ChatUser carol = resolver(builder).resolve(new CallerPrincipal("carol"), NO_ATTRIBUTES, r -> false);

            assertThat(carol.id()).isEqualTo("carol");
            assertThat(carol.name()).contains("Carol from the ID token");
            assertThat(carol.email()).contains("carol@example.com");
            assertThat(carol.avatar()).contains("https://example.com/carol.png");
            assertThat(carol.custom()).containsEntry("address", Map.of("city", "Lyon"));

            // another kind of principal: the session-scoped context is not consulted
            assertThat(resolver(builder).resolve(() -> "basic-user", NO_ATTRIBUTES, r -> false).email()).isEmpty();
            // a context without a login (no subject): the principal's name, no claims
            OpenIdLogin.subject = null;
            assertThat(resolver(config()).resolve(new CallerPrincipal("dave"), NO_ATTRIBUTES, r -> false))
                    .isEqualTo(ChatUser.of("dave"));
        } finally {
            OpenIdLogin.subject = SUB;
        }
    }

    @Test
    void refusesClaimKeysThatNameNoClaim() {
        assertThat(MpConfigured.problems(MpConfigured.properties(new TestConfig(), "chatsdk.identity.claims.user-id",
                "preferred_username,email"))).containsExactly("CHATSDK-073: 'chatsdk.identity.claims.user-id' [from "
                        + "PropertiesConfigSource[source=test]] has 'preferred_username,email', which is no claim name "
                        + "(empty, or whitespace or a comma inside); write the claim's name as the token has it, such as "
                        + "preferred_username (one claim: the user id is never taken from a second one)");
        assertThat(MpConfigured.problems(MpConfigured.properties(new TestConfig(), "chatsdk.identity.claims.name",
                "given name"))).singleElement().asString().startsWith("CHATSDK-073: 'chatsdk.identity.claims.name'");
    }

    @Test
    void refusesTheCustomClaimsUnderBothNames() {
        assertThat(MpConfigured.problems(MpConfigured.properties(new TestConfig(), "chatsdk.identity.claims.custom",
                "groups", "chatsdk.identity.jwt-claims", "tenant"))).containsExactly("CHATSDK-074: both "
                        + "'chatsdk.identity.claims.custom' [from PropertiesConfigSource[source=test]] and its former name "
                        + "'chatsdk.identity.jwt-claims' [from PropertiesConfigSource[source=test]] are set; keep "
                        + "chatsdk.identity.claims.custom alone");
    }
}
