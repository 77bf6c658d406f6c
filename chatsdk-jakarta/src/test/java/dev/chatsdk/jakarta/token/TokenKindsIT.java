package dev.chatsdk.jakarta.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Consumer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.TestClock;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.config.SessionConfig;
import dev.chatsdk.jakarta.web.servlet.ChatNode;
import dev.chatsdk.testsupport.Http;

/**
 * Each kind of token (access, refresh, ws) over real HTTP (embedded Jetty 12): accepted only where it is meant to be,
 * refresh tokens refused by a standard verifier as access tokens, refresh tokens of the form before they had their
 * own audience still refreshing, and no token outliving its session.
 */
class TokenKindsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestConfig test = new TestConfig();
    private final TestClock clock = new TestClock();
    private ChatNode node;

    private JsonNode login(ChatSdkConfig.Builder config) throws Exception {
        node = ChatNode.start(ChatSdk.builder().config(config.build()).clock(clock).build());
        return node.loginAlice();
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    private Http.Reply validate(String path, String token) {
        return node.http().call("GET", path).header("Authorization", "Bearer " + token).send();
    }

    private static void assertError(Http.Reply reply, int status, String code, String message) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.json().at("/error/code").asText()).isEqualTo(code);
        assertThat(reply.json().at("/error/message").asText()).isEqualTo(message);
        assertThat(reply.json().at("/error/suggestion").asText()).isNotBlank();
    }

    @Test
    void refusesARefreshTokenOfEitherFormOnBothValidateEndpoints() throws Exception {
        JsonNode login = login(test.builder());
        String refresh = login.get("refreshToken").asText();

        assertError(validate("/chatsdk/tokens/validate", refresh), 401, "INVALID_TOKEN",
                "The token is not valid: its 'aud' claim is wrong.");
        assertError(validate("/chatsdk/tokens/validate", previousForm(refresh)), 401, "INVALID_TOKEN",
                "The token is not valid: its 'type' claim is wrong.");
        assertError(validate("/chatsdk/tokens/validate-ws", refresh), 401, "INVALID_TOKEN",
                "The realtime token is not valid: its signature does not verify.");
        assertThat(validate("/chatsdk/tokens/validate", login.get("accessToken").asText()).status()).isEqualTo(200);
    }

    @Test
    void refusesAnAccessOrWsTokenAsARefreshTokenAndKeepsTheSession() throws Exception {
        JsonNode login = login(test.builder().set(SessionConfig.ROTATION_GRACE, Duration.ZERO));

        assertError(node.refresh(login.get("accessToken").asText()), 401, "INVALID_REFRESH_TOKEN",
                "The refresh token is not valid: its 'type' claim is wrong.");
        assertError(node.refresh(login.get("wsToken").asText()), 401, "INVALID_REFRESH_TOKEN",
                "The refresh token is not valid: its signature does not verify.");
        Http.Reply genuine = node.refresh(login.get("refreshToken").asText());
        assertThat(genuine.status()).as(genuine.toString()).isEqualTo(200);
    }

    @Test
    void issuesARefreshTokenThatAStandardVerifierRefusesAsAnAccessToken() throws Exception {
        // the node's clock is a test clock: times are left to the module, the rest is exactly a typical middleware
        JsonNode login = login(test.builder());
        var middleware = JWT.require(Algorithm.HMAC256(test.secret.getBytes(StandardCharsets.UTF_8)))
                .withIssuer("chatsdk-api").withAudience("chatsdk-client").acceptLeeway(Long.MAX_VALUE / 2000).build();

        DecodedJWT refresh = JWT.decode(login.get("refreshToken").asText());
        assertThat(refresh.getAudience()).containsExactly("chatsdk-client:refresh");
        assertThat(refresh.getType()).isEqualTo("refresh+jwt");
        assertThat(refresh.getClaim("scopes").isMissing()).isTrue();
        assertThat(middleware.verify(login.get("accessToken").asText()).getClaim("type").asString()).isEqualTo("access");
        try {
            middleware.verify(login.get("refreshToken").asText());
            throw new AssertionError("a standard verifier accepted the refresh token as an access token");
        } catch (IncorrectClaimException refused) {
            assertThat(refused.getClaimName()).isEqualTo("aud");
        }
    }

    @Test
    void keepsRefreshingARefreshTokenIssuedBeforeRefreshTokensHadTheirOwnAudience() throws Exception {
        JsonNode login = login(test.builder());
        String previous = previousForm(login.get("refreshToken").asText());
        clock.advance(Duration.ofMinutes(50));

        Http.Reply refreshed = node.refresh(previous);

        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        assertThat(JWT.decode(refreshed.json().get("accessToken").asText()).getClaim("sid").asString())
                .isEqualTo(JWT.decode(login.get("accessToken").asText()).getClaim("sid").asString());
        assertThat(JWT.decode(refreshed.json().get("refreshToken").asText()).getAudience())
                .containsExactly("chatsdk-client:refresh");
        assertThat(node.refresh(refreshed.json().get("refreshToken").asText()).status()).isEqualTo(200);
    }

    @Test
    void endsTheAccessAndWsTokensWithTheSessionAndSaysSoInTheResponse() throws Exception {
        JsonNode login = login(test.builder().set(SessionConfig.MAX_LIFETIME, Duration.ofHours(2)));
        long sessionEnd = JWT.decode(login.get("refreshToken").asText()).getExpiresAtAsInstant().getEpochSecond();
        clock.advance(Duration.ofMinutes(90));

        JsonNode late = node.refresh(login.get("refreshToken").asText()).json();

        DecodedJWT access = JWT.decode(late.get("accessToken").asText());
        assertThat(access.getExpiresAtAsInstant().getEpochSecond()).isEqualTo(sessionEnd);
        assertThat(JWT.decode(late.get("wsToken").asText()).getExpiresAtAsInstant().getEpochSecond()).isEqualTo(sessionEnd);
        assertThat(late.get("expiresIn").asLong()).isEqualTo(1800)
                .isEqualTo(sessionEnd - access.getIssuedAtAsInstant().getEpochSecond());
        assertThat(late.get("expiresAt").asLong()).isEqualTo(sessionEnd * 1000);
    }

    /** The refresh token as the module issued it before: the access audience and the scopes, header typ JWT. */
    private String previousForm(String refreshToken) {
        return resign(refreshToken, header -> header.put("typ", "JWT"), claims -> {
            claims.put("aud", "chatsdk-client");
            claims.putArray("scopes").add("chat:read").add("chat:write");
        });
    }

    private String resign(String token, Consumer<ObjectNode> header, Consumer<ObjectNode> claims) {
        try {
            String[] parts = token.split("\\.");
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            ObjectNode h = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            ObjectNode c = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            header.accept(h);
            claims.accept(c);
            String input = b64.encodeToString(JSON.writeValueAsBytes(h)) + "." + b64.encodeToString(JSON.writeValueAsBytes(c));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(test.secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
