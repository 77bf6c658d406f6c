package dev.chatsdk.jakarta.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.config.SessionConfig;
import dev.chatsdk.jakarta.web.servlet.ChatNode;
import dev.chatsdk.testsupport.Http;

/**
 * Tokens signed with the deployment's real HS256 secret that keep alice's session and token id but name another
 * user (in {@code sub}, {@code user_id}, {@code userId} or {@code user.id}) or another application: refresh and
 * validate answer their ordinary 401, logout revokes nothing, and alice's own refresh token still rotates afterwards.
 * The rotation grace is 0, so a forged refresh that rotated the session would leave alice's token spent.
 */
class TokenBindingIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestConfig TEST = new TestConfig();
    private ChatNode node;
    private JsonNode alice;

    @BeforeEach
    void start() throws Exception {
        node = ChatNode.start(ChatSdk.create(TEST.builder().set(SessionConfig.ROTATION_GRACE, Duration.ZERO).build()));
        alice = node.loginAlice();
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    /** Each forgery of one of alice's tokens, by what it changes. */
    private static Map<String, Consumer<ObjectNode>> forgeries() {
        Map<String, Consumer<ObjectNode>> forgeries = new LinkedHashMap<>();
        forgeries.put("mallory in user_id and sub", c -> {
            c.put("user_id", "mallory");
            c.put("sub", TestConfig.APP_ID + ":mallory");
        });
        forgeries.put("mallory in user_id only", c -> c.put("user_id", "mallory"));
        forgeries.put("mallory in sub only", c -> c.put("sub", TestConfig.APP_ID + ":mallory"));
        forgeries.put("mallory in userId", c -> c.put("userId", "mallory"));
        forgeries.put("mallory in user.id", c -> c.putObject("user").put("id", "mallory"));
        forgeries.put("another app id", c -> c.put("app_id", "00000000-0000-0000-0000-000000000000"));
        forgeries.put("another app id in app_id and sub", c -> {
            c.put("app_id", "00000000-0000-0000-0000-000000000000");
            c.put("sub", "00000000-0000-0000-0000-000000000000:alice");
        });
        return forgeries;
    }

    @Test
    void refusesARefreshTokenNamingAnotherUserOrAppWithoutSpendingTheSession() {
        String genuine = alice.get("refreshToken").asText();
        for (Map.Entry<String, Consumer<ObjectNode>> forgery : forgeries().entrySet()) {
            Http.Reply reply = node.refresh(forge(genuine, forgery.getValue(), TEST.secret));

            assertThat(reply.status()).as(forgery.getKey() + ": " + reply).isEqualTo(401);
            assertThat(reply.json().at("/error/code").asText()).as(forgery.getKey()).isEqualTo("INVALID_REFRESH_TOKEN");
        }

        Http.Reply real = node.refresh(genuine);
        assertThat(real.status()).as("alice's own token after the forgeries: " + real).isEqualTo(200);
        assertThat(real.json().at("/user/id").asText()).isEqualTo("alice");
    }

    @Test
    void logoutWithATokenNamingAnotherUserOrAppRevokesNothing() {
        String genuine = alice.get("refreshToken").asText();
        for (Map.Entry<String, Consumer<ObjectNode>> forgery : forgeries().entrySet()) {
            Http.Reply reply = node.http().call("POST", "/chatsdk/auth/logout")
                    .header("Authorization", "Bearer " + forge(genuine, forgery.getValue(), TEST.secret)).send();

            assertThat(reply.status()).as(forgery.getKey() + ": " + reply).isEqualTo(200);
            assertThat(reply.json().get("revoked").booleanValue()).as(forgery.getKey()).isFalse();
        }

        assertThat(node.refresh(genuine).status()).as("alice's session is still live").isEqualTo(200);
    }

    @Test
    void refusesAnAccessOrRealtimeTokenNamingAnotherUserOrAppOnValidate() {
        for (Map.Entry<String, Consumer<ObjectNode>> forgery : forgeries().entrySet()) {
            Http.Reply access = validate("/chatsdk/tokens/validate",
                    forge(alice.get("accessToken").asText(), forgery.getValue(), TEST.secret));
            Http.Reply ws = validate("/chatsdk/tokens/validate-ws",
                    forge(alice.get("wsToken").asText(), forgery.getValue(), TEST.wsSecret));

            for (Http.Reply reply : new Http.Reply[] {access, ws}) {
                assertThat(reply.status()).as(forgery.getKey() + ": " + reply).isEqualTo(401);
                assertThat(reply.json().at("/error/code").asText()).as(forgery.getKey()).isEqualTo("INVALID_TOKEN");
            }
        }

        Http.Reply genuine = validate("/chatsdk/tokens/validate", alice.get("accessToken").asText());
        assertThat(genuine.status()).as(genuine.toString()).isEqualTo(200);
        assertThat(genuine.json().at("/payload/userId").asText()).isEqualTo("alice");
        assertThat(genuine.json().at("/user/id").asText()).isEqualTo("alice");
        assertThat(node.refresh(alice.get("refreshToken").asText()).status()).isEqualTo(200);
    }

    @Test
    void aSessionKeepsItsUserEvenWhenAForgeryNamesAnotherOneConsistently() {
        // every claim says mallory, consistently: only the session's own user tells the forgery apart
        String forged = forge(alice.get("accessToken").asText(), c -> {
            c.put("user_id", "mallory");
            c.put("sub", TestConfig.APP_ID + ":mallory");
        }, TEST.secret);

        Http.Reply reply = validate("/chatsdk/tokens/validate", forged);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().at("/error/message").asText()).isEqualTo("The token does not belong to its session's user.");
    }

    private Http.Reply validate(String path, String token) {
        return node.http().call("GET", path).header("Authorization", "Bearer " + token).send();
    }

    /** The token with its claims changed, signed again with the real secret (same header, same key id). */
    private static String forge(String token, Consumer<ObjectNode> change, String secret) {
        try {
            String[] parts = token.split("\\.");
            ObjectNode claims = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            change.accept(claims);
            String input = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(JSON.writeValueAsBytes(claims));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return input + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
