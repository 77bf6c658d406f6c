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
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatTokens;
import dev.chatsdk.jakarta.ChatUser;
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
        node = ChatNode.start(ChatSdk.create(withStore(TEST.builder()).set(SessionConfig.ROTATION_GRACE, Duration.ZERO)
                .build()));
        alice = node.loginAlice();
    }

    /** @return the configuration with the session store under test: memory here; a database in the subclasses */
    protected ChatSdkConfig.Builder withStore(ChatSdkConfig.Builder config) {
        return config;
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

    /**
     * A user id a database cannot keep as it is: a driver writes an unpaired surrogate as '?', so the user "alice?"
     * and a forgery naming "alice" and a lone surrogate compared equal in the store's own statement (found by the
     * attack review of issue 19); a NUL the database refuses. Each is refused before any store sees it, on refresh,
     * logout and validate alike, and the genuine token still rotates (grace 0: a forged rotation would spend it).
     */
    @Test
    void refusesAUserIdOrSessionIdTheStoreWouldReadAnotherWayWithoutTouchingTheSession() {
        ChatTokens question = node.sdk().issue(ChatUser.of("alice?"));
        Map<String, String> forgeries = new LinkedHashMap<>();
        forgeries.put("an unpaired surrogate where the user id has '?'", "user_id:alice\\ud800");
        forgeries.put("a NUL in the user id", "user_id:alice?\\u0000");
        forgeries.put("a NUL in the session id", "sid:NUL");
        forgeries.put("a session id that is not a UUID", "sid:UPPER");
        for (Map.Entry<String, String> forgery : forgeries.entrySet()) {
            String refresh = raw(question.refreshToken(), forgery.getValue());
            Http.Reply reply = node.refresh(refresh);
            assertThat(reply.status()).as(forgery.getKey() + ": " + reply).isEqualTo(401);
            assertThat(reply.json().at("/error/code").asText()).as(forgery.getKey()).isEqualTo("INVALID_REFRESH_TOKEN");

            Http.Reply logout = node.http().call("POST", "/chatsdk/auth/logout")
                    .header("Authorization", "Bearer " + refresh).send();
            assertThat(logout.status()).as(forgery.getKey() + ": " + logout).isEqualTo(200);
            assertThat(logout.json().get("revoked").booleanValue()).as(forgery.getKey()).isFalse();

            Http.Reply validate = validate("/chatsdk/tokens/validate", raw(question.accessToken(), forgery.getValue()));
            assertThat(validate.status()).as(forgery.getKey() + ": " + validate).isEqualTo(401);
        }

        Http.Reply real = node.refresh(question.refreshToken());
        assertThat(real.status()).as("the genuine token after the forgeries: " + real).isEqualTo(200);
        assertThat(real.json().at("/user/id").asText()).isEqualTo("alice?");
    }

    /**
     * The token re-signed with one claim replaced in the payload's JSON text, so that escapes Jackson would not write
     * (a lone surrogate) reach the server as a client could send them: {@code user_id:<JSON string body>} sets
     * {@code user_id} (and {@code sub} to match); {@code sid:NUL} appends a NUL to the session id; {@code sid:UPPER}
     * writes it in upper case.
     */
    private static String raw(String token, String change) {
        try {
            String[] parts = token.split("\\.");
            ObjectNode claims = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            String sid = claims.get("sid").asText();
            String json = JSON.writeValueAsString(claims);
            String user = claims.get("user_id").asText();
            if (change.startsWith("user_id:")) {
                String value = change.substring("user_id:".length());
                json = json.replace("\"user_id\":" + JSON.writeValueAsString(user), "\"user_id\":\"" + value + "\"")
                        .replace("\"sub\":" + JSON.writeValueAsString(TestConfig.APP_ID + ":" + user),
                                "\"sub\":\"" + TestConfig.APP_ID + ":" + value + "\"");
            } else if (change.equals("sid:NUL")) {
                json = json.replace("\"sid\":\"" + sid + "\"", "\"sid\":\"" + sid + "\\u0000\"");
            } else {
                json = json.replace("\"sid\":\"" + sid + "\"", "\"sid\":\"" + sid.toUpperCase(java.util.Locale.ROOT) + "\"");
            }
            String input = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(json.getBytes(StandardCharsets.UTF_8));
            boolean ws = claims.get("type") == null;
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec((ws ? TEST.wsSecret : TEST.secret).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return input + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
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
