package dev.chatsdk.jakarta.custom;

import dev.chatsdk.jakarta.config.Settings;


import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.TestClock;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.TestUsers;
import dev.chatsdk.jakarta.event.ChatEvent;
import dev.chatsdk.jakarta.event.TokenRefreshed;
import dev.chatsdk.jakarta.health.ChatSdkHealth;
import dev.chatsdk.testsupport.Http;
import dev.chatsdk.jakarta.web.servlet.ChatNode;

/**
 * Issue 17, item 1: an issuer and a session store of the application's own, written against the SPI alone (not
 * subclasses or wrappers of built-in classes), selected by {@code chatsdk.issuer=acme} through
 * {@code META-INF/services} (of {@link AcmeIssuerFactory#loader()}), serve over real HTTP (embedded Jetty) every endpoint the built-ins serve: token (for
 * the logged-in user and for an API caller), refresh with the retry flag, logout, user-wide revocation, validate,
 * validate-ws, JWKS, and health with the custom store's own report. Before, the core cast to the built-in classes:
 * such an issuer got 404 on JWKS and revocation, {@code TOKEN_API_DISABLED} on validate and the token API, and a
 * health report without its store.
 */
class CustomExtensionIT {
    private final TestConfig test = new TestConfig();
    private final TestClock clock = new TestClock();
    private final MapSessionStore store = new MapSessionStore();
    private final List<ChatEvent> events = new CopyOnWriteArrayList<>();
    private ChatNode node;
    private Http http;

    @BeforeEach
    void start() throws Exception {
        node = ChatNode.start(ChatSdk.builder().config(test.builder()
                .set(Settings.ISSUER, AcmeIssuerFactory.NAME).build())
                .clock(clock).sessionStore(store).eventListener(events::add).serviceLoader(AcmeIssuerFactory.loader())
                .build());
        http = node.http();
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    private static String field(JsonNode tokens, String name) {
        return tokens.get(name).asText();
    }

    private static String sid(JsonNode tokens) {
        return JWT.decode(field(tokens, "accessToken")).getClaim("sid").asString();
    }

    private static String code(Http.Reply reply) {
        return reply.status() + " " + reply.json().get("error").get("code").asText();
    }

    @Test
    void choosesTheCustomIssuerWithTheCustomStore() {
        assertThat(node.sdk().issuer()).isInstanceOf(AcmeIssuer.class);
        assertThat(store.evictionListened()).as("the module listens to the store's evictions").isTrue();
    }

    @Test
    void issuesToTheLoggedInUserAndToAnApiCaller() {
        JsonNode login = node.loginAlice();
        assertThat(JWT.decode(field(login, "accessToken")).getKeyId()).isEqualTo(AcmeIssuer.KEY_ID);
        assertThat(store.find(sid(login))).isPresent();

        Http.Reply api = http.call("POST", "/chatsdk/tokens").header("X-API-Key", test.apiKey)
                .json("{\"userId\":\"bob\",\"name\":\"Bob\"}").send();

        assertThat(api.status()).as(api.toString()).isEqualTo(200);
        assertThat(JWT.decode(field(api.json(), "accessToken")).getClaim("user_id").asString()).isEqualTo("bob");
        assertThat(code(http.call("POST", "/chatsdk/tokens").header("X-API-Key", "wrong")
                .json("{\"userId\":\"bob\"}").send())).isEqualTo("401 INVALID_API_KEY");
    }

    @Test
    void refreshesAndReportsARetryWithinTheGrace() {
        String first = field(node.loginAlice(), "refreshToken");

        Http.Reply rotated = node.refresh(first);
        Http.Reply retried = node.refresh(first);

        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(events).filteredOn(e -> e instanceof TokenRefreshed).extracting(e -> ((TokenRefreshed) e).retry())
                .containsExactly(false, true);
        clock.advance(AcmeIssuer.GRACE.plusSeconds(1));
        assertThat(code(node.refresh(first))).isEqualTo("401 REFRESH_TOKEN_REUSED");
        assertThat(code(node.refresh(field(rotated.json(), "refreshToken")))).isEqualTo("401 SESSION_REVOKED");
    }

    @Test
    void logsOutWithoutACaveat() {
        JsonNode login = node.loginAlice();

        Http.Reply out = http.call("POST", "/chatsdk/auth/logout")
                .header("Authorization", "Bearer " + field(login, "refreshToken")).send();

        assertThat(out.status()).as(out.toString()).isEqualTo(200);
        assertThat(out.json().get("revoked").asBoolean()).isTrue();
        assertThat(out.json().has("reason")).isFalse();
        assertThat(store.find(sid(login)).orElseThrow().revokedAt()).isPresent();
        assertThat(code(node.refresh(field(login, "refreshToken")))).isEqualTo("401 SESSION_REVOKED");
    }

    @Test
    void revokesEverySessionOfAUser() {
        String one = field(node.loginAlice(), "refreshToken");
        String two = field(node.loginAlice(), "refreshToken");

        Http.Reply reply = http.call("POST", "/chatsdk/api/users/" + TestUsers.ALICE + "/revoke-tokens")
                .header("X-API-Key", test.apiKey).send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().get("revokedSessions").asInt()).isEqualTo(2);
        assertThat(code(node.refresh(one))).isEqualTo("401 SESSION_REVOKED");
        assertThat(code(node.refresh(two))).isEqualTo("401 SESSION_REVOKED");
        assertThat(node.sdk().revokeUser(TestUsers.ALICE)).isZero();
    }

    @Test
    void validatesAccessAndWsTokens() {
        JsonNode login = node.loginAlice();

        Http.Reply access = http.call("GET", "/chatsdk/tokens/validate")
                .header("Authorization", "Bearer " + field(login, "accessToken")).send();
        Http.Reply ws = http.call("GET", "/chatsdk/tokens/validate-ws")
                .header("Authorization", "Bearer " + field(login, "wsToken")).send();
        Http.Reply crossed = http.call("GET", "/chatsdk/tokens/validate")
                .header("Authorization", "Bearer " + field(login, "wsToken")).send();

        assertThat(access.status()).as(access.toString()).isEqualTo(200);
        assertThat(access.json().get("valid").asBoolean()).isTrue();
        assertThat(access.json().get("payload").get("sessionId").asText()).isEqualTo(sid(login));
        assertThat(access.json().get("payload").get("appId").asText()).isEqualTo(AcmeIssuer.APP_ID);
        assertThat(access.json().get("user").get("id").asText()).isEqualTo(TestUsers.ALICE);
        assertThat(ws.status()).as(ws.toString()).isEqualTo(200);
        assertThat(code(crossed)).isEqualTo("401 INVALID_TOKEN");
    }

    @Test
    void publishesTheKeyThatVerifiesItsTokens() throws Exception {
        String access = field(node.loginAlice(), "accessToken");

        Http.Reply reply = http.call("GET", "/chatsdk/.well-known/jwks.json").send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode key = reply.json().get("keys").get(0);
        assertThat(key.get("kid").asText()).isEqualTo(AcmeIssuer.KEY_ID);
        Base64.Decoder url = Base64.getUrlDecoder();
        RSAPublicKey published = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, url.decode(key.get("n").asText())), new BigInteger(1, url.decode(key.get("e").asText()))));
        Algorithm.RSA256(published, null).verify(JWT.decode(access));
    }

    @Test
    void reportsTheIssuerAndTheCustomStoreInTheHealthCheck() {
        node.loginAlice();

        Http.Reply up = http.call("GET", "/chatsdk/health").header("X-API-Key", test.apiKey).send();

        assertThat(up.status()).as(up.toString()).isEqualTo(200);
        JsonNode data = up.json().get("checks").get(0).get("data");
        assertThat(data.get("issuer").asText()).isEqualTo(AcmeIssuerFactory.NAME);
        assertThat(data.get("acme.keyId").asText()).isEqualTo(AcmeIssuer.KEY_ID);
        assertThat(data.get("sessionStore").asText()).isEqualTo("map");
        assertThat(data.get("sessionStore.sessions").asLong()).isEqualTo(1);

        store.down(true);
        clock.advance(ChatSdkHealth.REUSE.multipliedBy(2));
        Http.Reply down = http.call("GET", "/chatsdk/health").header("X-API-Key", test.apiKey).send();

        assertThat(down.status()).as(down.toString()).isEqualTo(503);
        JsonNode downData = down.json().get("checks").get(0).get("data");
        assertThat(downData.get("sessionStore.reachable").asBoolean()).isFalse();
        assertThat(downData.get("sessionStore.problem").asText()).isEqualTo("switched off");
        assertThat(code(http.call("POST", "/api/chat/token").as(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).send()))
                .isEqualTo("503 STORE_UNAVAILABLE");
    }
}
