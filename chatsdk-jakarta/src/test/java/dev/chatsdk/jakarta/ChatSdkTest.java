package dev.chatsdk.jakarta;

import dev.chatsdk.jakarta.config.IdentityConfig;
import dev.chatsdk.jakarta.config.RemoteConfig;
import dev.chatsdk.jakarta.config.Settings;
import dev.chatsdk.jakarta.config.WebConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.custom.AcmeIssuer;
import dev.chatsdk.jakarta.custom.AcmeIssuerFactory;
import dev.chatsdk.jakarta.custom.MapSessionStore;
import dev.chatsdk.jakarta.event.ChatEvent;
import dev.chatsdk.jakarta.event.SessionRevoked;
import dev.chatsdk.jakarta.event.TokenRefreshed;
import dev.chatsdk.jakarta.internal.ChatSdkInternals;
import dev.chatsdk.jakarta.spi.Health;
import dev.chatsdk.jakarta.spi.RefreshResult;
import dev.chatsdk.jakarta.spi.TokenIssuer;

/**
 * {@link ChatSdk} itself, issue 17: the builder, which issuer it chooses, the refresh outcome it reads from the SPI
 * (the retry flag, reuse), user revocation and health through the SPI only, and the one decision on the token API.
 */
class ChatSdkTest {
    private final TestConfig test = new TestConfig();
    private final List<ChatEvent> events = new CopyOnWriteArrayList<>();

    /** An issuer with the three required methods only: every optional capability keeps its default. */
    private static class Minimal implements TokenIssuer {
        static final ChatUser USER = ChatUser.builder("u-1").build();

        @Override
        public ChatTokens issue(ChatUser user) {
            return new ChatTokens("a", "r", "w", "s-1", Instant.EPOCH, 60, user);
        }

        @Override
        public ChatTokens refresh(String refreshToken) {
            return new ChatTokens("a2", "r2", "w2", "s-1", Instant.EPOCH, 60, USER);
        }

        @Override
        public boolean revoke(String refreshToken) {
            return false;
        }
    }

    private ChatSdk.Builder builder(ChatSdkConfig.Builder config) {
        return ChatSdk.builder().config(config.build()).eventListener(events::add);
    }

    private static ChatSdkConfig.Builder remote() {
        return ChatSdkConfig.builder().set(Settings.ISSUER, ChatSdkConfig.REMOTE)
                .set(RemoteConfig.API_URL, "http://127.0.0.1:9")
                .set(RemoteConfig.API_KEY, "ck_live_" + TestConfig.randomSecret())
                .set(IdentityConfig.ROLES_ALLOWED, List.copyOf(Set.of(TestUsers.CHAT_ROLE)));
    }

    @Test
    void needsAConfiguration() {
        assertThatThrownBy(() -> ChatSdk.builder().build()).isInstanceOf(NullPointerException.class)
                .hasMessage("config");
    }

    @Test
    void choosesTheLocalIssuerWithTheConfiguredStoreByDefault() {
        ChatSdk sdk = ChatSdk.create(test.builder().build());

        assertThat(sdk.issuer().getClass().getSimpleName()).isEqualTo("LocalTokenIssuer");
        assertThat(ChatSdkInternals.of(sdk).sessionStore()).get()
                .satisfies(store -> assertThat(store.getClass().getSimpleName()).isEqualTo("InMemorySessionStore"));
        assertThat(sdk.toString()).isEqualTo("ChatSdk[issuer=local, appId=" + TestConfig.APP_ID + "]");
    }

    @Test
    void choosesAnIssuerFactoryListedInServicesByName() {
        MapSessionStore store = new MapSessionStore();
        ChatSdk sdk = builder(test.builder().set(Settings.ISSUER, AcmeIssuerFactory.NAME)).sessionStore(store)
                .serviceLoader(AcmeIssuerFactory.loader()).build();

        assertThat(sdk.issuer()).isInstanceOf(AcmeIssuer.class);
        ChatTokens tokens = sdk.issue(ChatUser.builder("u-2").build());
        assertThat(store.find(tokens.sessionId())).isPresent();
        assertThat(store.evictionListened()).isTrue();
    }

    @Test
    void refusesAnUnknownIssuerNamingTheKnownOnes() {
        assertThatThrownBy(() -> ChatSdk.builder().config(test.builder().set(Settings.ISSUER, "nope").build())
                .serviceLoader(AcmeIssuerFactory.loader()).build())
                .isInstanceOfSatisfying(ChatSdkConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().startsWith("CHATSDK-015: 'chatsdk.issuer' is 'nope'").contains("local", "remote",
                                AcmeIssuerFactory.NAME));
    }

    @Test
    void prefersTheIssuerGivenInCode() {
        Minimal given = new Minimal();

        ChatSdk sdk = builder(test.builder().set(Settings.ISSUER, "nope")).issuer(given).build();

        assertThat(sdk.issuer()).isSameAs(given);
        assertThat(ChatSdkInternals.of(sdk).sessionStore()).as("no store given, none asked for").isEmpty();
    }

    @Test
    void reportsTheRetryFlagTheIssuerTellsOnRefresh() {
        ChatSdk plain = builder(test.builder()).issuer(new Minimal()).build();
        ChatSdk retrying = builder(test.builder()).issuer(new Minimal() {
            @Override
            public RefreshResult refreshWithResult(String refreshToken) {
                return new RefreshResult(refresh(refreshToken), true);
            }
        }).build();

        assertThat(plain.refresh("r").accessToken()).isEqualTo("a2");
        assertThat(retrying.refresh("r").accessToken()).isEqualTo("a2");

        assertThat(events).filteredOn(TokenRefreshed.class::isInstance).extracting(e -> ((TokenRefreshed) e).retry())
                .containsExactly(false, true);
    }

    @Test
    void reportsAReplayedRefreshTokenAndNoRefresh() {
        ChatSdk sdk = builder(test.builder()).issuer(new Minimal() {
            @Override
            public ChatTokens refresh(String refreshToken) {
                throw new ChatSdkException(ErrorCode.REFRESH_TOKEN_REUSED, "Replayed.");
            }
        }).build();

        assertThatThrownBy(() -> sdk.refresh("r")).isInstanceOfSatisfying(ChatSdkException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.REFRESH_TOKEN_REUSED));
        assertThat(events).extracting(ChatEvent::kind).containsExactly("RefreshReuseDetected", "SessionRevoked");
    }

    @Test
    void revokesEverySessionOfAUserThroughTheIssuer() {
        ChatSdk local = builder(test.builder()).build();
        ChatTokens one = local.issue(ChatUser.builder("u-4").build());
        local.issue(ChatUser.builder("u-4").build());

        assertThat(local.revokeUser("u-4")).isEqualTo(2);
        assertThat(events).filteredOn(SessionRevoked.class::isInstance).extracting(e -> ((SessionRevoked) e).sessions())
                .containsExactly(2);
        assertThatThrownBy(() -> local.refresh(one.refreshToken())).isInstanceOfSatisfying(ChatSdkException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.SESSION_REVOKED));

        ChatSdk minimal = builder(test.builder()).issuer(new Minimal()).build();
        assertThatThrownBy(() -> minimal.revokeUser("u-4")).isInstanceOfSatisfying(ChatSdkException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_API_DISABLED));
    }

    @Test
    void combinesTheHealthOfTheIssuerAndOfTheStoreInUse() {
        MapSessionStore store = new MapSessionStore();
        ChatSdk sdk = builder(test.builder()).issuer(new Minimal()).sessionStore(store).build();

        Health up = sdk.health();
        store.down(true);
        Health down = sdk.health();

        assertThat(up.isUp()).isTrue();
        assertThat(up.details()).containsExactly(java.util.Map.entry("issuer", "local"),
                java.util.Map.entry("issuer.class", Minimal.class.getName()), java.util.Map.entry("sessionStore", "map"),
                java.util.Map.entry("sessionStore.reachable", true), java.util.Map.entry("sessionStore.sessions", 0L));
        assertThat(down.isUp()).isFalse();
        assertThat(down.details()).containsEntry("sessionStore.problem", "switched off");
        assertThat(sdk.checkUpstream()).as("the issuer is up; the store is not the upstream").isEmpty();
    }

    @Test
    void reportsAnIssuerThatIsDownWithItsProblem() {
        ChatSdk sdk = builder(test.builder()).issuer(new Minimal() {
            @Override
            public Health health(java.time.Duration deadline) {
                return Health.down(java.util.Map.of("acme.problem", "no key"));
            }
        }).build();

        assertThat(sdk.health().isUp()).isFalse();
        assertThat(sdk.checkUpstream()).contains("no key");
        assertThat(sdk.health().details()).doesNotContainKey("sessionStore");
    }

    @Test
    void theRemoteIssuerOpensNoSessionStoreAndAcceptsNoApiKey() {
        ChatSdk sdk = ChatSdk.create(remote().build());

        assertThat(sdk.issuer().getClass().getSimpleName()).isEqualTo("RemoteTokenIssuer");
        assertThat(ChatSdkInternals.of(sdk).sessionStore()).isEmpty();
        assertThat(ChatSdkInternals.of(sdk).acceptedApiKeys()).isEmpty();
        assertThat(sdk.issuer().logoutEndsSession()).as("no chatsdk.remote.logout-path").isFalse();
    }

    @Test
    void acceptsTheConfiguredApiKeysWithEveryOtherIssuer() {
        ChatSdkConfig config = test.builder().build();

        assertThat(ChatSdkInternals.of(ChatSdk.create(config)).acceptedApiKeys()).containsExactly(test.apiKey);
        assertThat(ChatSdkInternals.of(builder(test.builder()).issuer(new Minimal()).build()).acceptedApiKeys())
                .as("an issuer of the application's own gets the same answer").containsExactly(test.apiKey);
        assertThat(ChatSdkInternals.of(ChatSdk.create(test.builder()
                .set(WebConfig.API_KEYS, List.of()).build())).acceptedApiKeys())
                .isEmpty();
    }

    @Test
    void installsTheInternalsHookOnce() {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        ChatSdk.create(test.builder().build());
        try {
            ChatSdkInternals.install(sdk -> null);
        } catch (IllegalStateException e) {
            thrown.set(e);
        }
        assertThat(thrown.get()).as("a second hook would read another instance's internals").isNotNull();
    }
}
