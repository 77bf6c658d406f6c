package dev.chatsdk.jakarta.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.JsonNode;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.TestUsers;
import dev.chatsdk.testsupport.Http;

/**
 * The contract checks every adapter must pass over real HTTP. A subclass starts a server with
 * {@link #CONFIG} (default paths, roles-allowed = chat-user, the TestUsers realm) and names it.
 */
public abstract class TokenEndpointContract {
    protected static final String TOKEN = "/api/chat/token";
    /** The configuration the deployment under test runs with (secrets generated for this run). */
    protected static final TestConfig CONFIG = new TestConfig();

    /** @return the client aimed at the deployment's context root */
    protected abstract Http http();

    /** @return {@code servlet-filter} or {@code jaxrs} */
    protected abstract String expectedHandler();

    private Http.Reply alice(String method) {
        return http().call(method, TOKEN).as(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).send();
    }

    @Test
    void issuesTheSupersetResponseToAnAllowedUser() {
        Http.Reply reply = alice("POST");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        assertThat(reply.header(ChatResponse.HANDLER_HEADER)).isEqualTo(expectedHandler());
        JsonNode body = reply.json();
        assertThat(body.get("token").asText()).isEqualTo(body.get("accessToken").asText());
        assertThat(body.get("_internal").get("wsToken").asText()).isEqualTo(body.get("wsToken").asText());
        assertThat(body.get("expiresIn").asLong()).isEqualTo(3600);
        DecodedJWT access = verify(body.get("accessToken").asText(), CONFIG.secret);
        long iat = access.getIssuedAtAsInstant().getEpochSecond();
        assertThat(body.get("expiresAt").asLong()).isEqualTo((iat + 3600) * 1000);
        assertThat(body.get("serverTime").asLong()).isBetween(iat * 1000, iat * 1000 + 999);
        JsonNode user = body.get("user");
        assertThat(user.get("id").asText()).isEqualTo(TestUsers.ALICE);
        assertThat(user.get("name").asText()).isEqualTo(TestUsers.ALICE_NAME);
        assertThat(user.get("displayName").asText()).isEqualTo(TestUsers.ALICE_NAME);
        assertThat(user.get("avatar").asText()).isEqualTo(TestUsers.ALICE_AVATAR);
        assertThat(user.get("image").asText()).isEqualTo(TestUsers.ALICE_AVATAR);
        assertThat(user.get("email").isNull()).isTrue();
        assertThat(user.get("custom").get("role").asText()).isEqualTo("admin");
        assertThat(user.get("metadata")).isEqualTo(user.get("custom"));
    }

    @Test
    void signsTheAccessTokenWithTheContractClaims() {
        DecodedJWT access = verify(alice("POST").json().get("accessToken").asText(), CONFIG.secret);

        assertThat(access.getAlgorithm()).isEqualTo("HS256");
        assertThat(access.getType()).isEqualTo("JWT");
        assertThat(access.getKeyId()).isEqualTo("chatsdk-1");
        assertThat(access.getIssuer()).isEqualTo("chatsdk-api");
        assertThat(access.getAudience()).containsExactly("chatsdk-client");
        assertThat(access.getSubject()).isEqualTo(TestConfig.APP_ID + ":" + TestUsers.ALICE);
        assertThat(access.getClaim("user_id").asString()).isEqualTo(TestUsers.ALICE);
        assertThat(access.getClaim("app_id").asString()).isEqualTo(TestConfig.APP_ID);
        assertThat(access.getClaim("type").asString()).isEqualTo("access");
        assertThat(access.getClaim("sid").asString()).matches("[0-9a-f-]{36}");
        assertThat(access.getId()).matches("[0-9a-f-]{36}");
        assertThat(access.getClaim("scopes").asList(String.class)).containsExactly("chat:read", "chat:write",
                "reaction:write", "typing:write", "upload:write", "search:read");
        assertThat(access.getNotBeforeAsInstant()).isEqualTo(access.getIssuedAtAsInstant());
        assertThat(access.getExpiresAtAsInstant()).isEqualTo(access.getIssuedAtAsInstant().plusSeconds(3600));
        assertThat(access.getClaim("name").asString()).isEqualTo(TestUsers.ALICE_NAME);
        assertThat(access.getClaim("avatar").asString()).isEqualTo(TestUsers.ALICE_AVATAR);
        assertThat(access.getClaim("custom").asMap()).isEqualTo(TestUsers.ALICE_CUSTOM);
    }

    @Test
    void signsTheRefreshTokenForTheSameSession() {
        JsonNode body = alice("POST").json();
        DecodedJWT access = verify(body.get("accessToken").asText(), CONFIG.secret);
        String refreshToken = body.get("refreshToken").asText();
        DecodedJWT refresh = JWT.require(Algorithm.HMAC256(CONFIG.secret.getBytes(StandardCharsets.UTF_8)))
                .withIssuer("chatsdk-api").withAudience("chatsdk-client:refresh").build().verify(refreshToken);

        // what a verifier of access tokens checks (signature, issuer, audience) refuses it
        assertThatThrownBy(() -> verify(refreshToken, CONFIG.secret))
                .isInstanceOfSatisfying(com.auth0.jwt.exceptions.IncorrectClaimException.class,
                        e -> assertThat(e.getClaimName()).isEqualTo("aud"));
        assertThat(refresh.getClaim("type").asString()).isEqualTo("refresh");
        assertThat(refresh.getType()).isEqualTo("refresh+jwt");
        assertThat(refresh.getClaim("scopes").isMissing()).isTrue();
        assertThat(refresh.getClaim("sid").asString()).isEqualTo(access.getClaim("sid").asString());
        assertThat(refresh.getId()).isNotEqualTo(access.getId());
        assertThat(refresh.getExpiresAtAsInstant()).isEqualTo(refresh.getIssuedAtAsInstant().plusSeconds(7 * 86400));
        assertThat(refresh.getClaim("name").isMissing()).isTrue();
    }

    @Test
    void signsTheWsTokenWithTheWsSecretOnly() {
        JsonNode body = alice("POST").json();
        String ws = body.get("wsToken").asText();

        DecodedJWT decoded = verify(ws, CONFIG.wsSecret);
        assertThat(decoded.getClaim("type").isMissing()).isTrue();
        assertThat(decoded.getClaim("info").asMap()).isEqualTo(Map.of("name", TestUsers.ALICE_NAME,
                "avatar", TestUsers.ALICE_AVATAR));
        assertThat(decoded.getSubject()).isEqualTo(TestConfig.APP_ID + ":" + TestUsers.ALICE);
        assertThatThrownBy(() -> verify(ws, CONFIG.secret)).isInstanceOf(SignatureVerificationException.class);
        assertThatThrownBy(() -> verify(body.get("accessToken").asText(), CONFIG.wsSecret))
                .isInstanceOf(SignatureVerificationException.class);
    }

    @Test
    void answersGetLikePost() {
        Http.Reply reply = alice("GET");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().get("user").get("id").asText()).isEqualTo(TestUsers.ALICE);
    }

    @Test
    void refusesAnAuthenticatedUserWithoutAChatRole() {
        Http.Reply reply = http().call("POST", TOKEN).as(TestUsers.BOB, TestUsers.BOB_PASSWORD)
                .header("X-Request-ID", "req-bob-1").send();

        assertError(reply, 403, "NO_CHAT_ACCESS", "User 'bob' has none of the roles allowed to chat.");
        assertThat(reply.json().get("error").get("requestId").asText()).isEqualTo("req-bob-1");
        assertThat(reply.header("X-Request-ID")).isEqualTo("req-bob-1");
    }

    @Test
    void refusesAnAnonymousCaller() {
        assertThat(http().call("POST", TOKEN).send().status()).isEqualTo(401);
    }

    @Test
    void refusesOtherMethodsOnTheTokenPath() {
        Http.Reply reply = alice("PUT");

        assertError(reply, 405, "METHOD_NOT_ALLOWED", "Method PUT is not allowed here; use GET, POST.");
        assertThat(reply.header("Allow")).isEqualTo("GET, POST");
    }

    @Test
    void refusesTwoApiKeyHeadersWhicheverTheyHold() {
        // servers differ in which of two lines a header read returns (first, last, both joined): none may count
        for (String second : new String[] {CONFIG.apiKey, "ck_other_0123456789abcdef0123456789abcdef"}) {
            Http.Reply reply = http().call("POST", "/chatsdk/auth/tokens").header("X-API-Key", CONFIG.apiKey)
                    .header("X-API-Key", second).json("{\"userId\":\"u\"}").send();
            assertError(reply, 401, "INVALID_API_KEY", "Send one X-API-Key header, not several.");
        }
    }

    @Test
    void issuesToAServerCallerWithAValidApiKey() {
        Http.Reply reply = api("/chatsdk/auth/tokens").json("{\"userId\":\"u-123\",\"displayName\":\"Test User\","
                + "\"image\":\"https://example.com/a.jpg\",\"email\":\"t@example.com\",\"metadata\":{\"role\":\"user\","
                + "\"team\":\"x\"},\"custom\":{\"role\":\"admin\"},\"unknown\":1}").send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode user = reply.json().get("user");
        assertThat(user.get("id").asText()).isEqualTo("u-123");
        assertThat(user.get("name").asText()).isEqualTo("Test User");
        assertThat(user.get("avatar").asText()).isEqualTo("https://example.com/a.jpg");
        assertThat(user.get("email").asText()).isEqualTo("t@example.com");
        assertThat(user.get("custom").toString()).isEqualTo("{\"role\":\"admin\",\"team\":\"x\"}");
        DecodedJWT access = verify(reply.json().get("accessToken").asText(), CONFIG.secret);
        assertThat(access.getSubject()).isEqualTo(TestConfig.APP_ID + ":u-123");
    }

    @Test
    void servesTheIssueAliases() {
        for (String alias : List.of("/chatsdk/api/auth/connect", "/chatsdk/tokens")) {
            Http.Reply reply = api(alias).json("{\"userId\":\"u-1\",\"name\":\"N\",\"avatar\":\"https://e.x/a.png\"}").send();
            assertThat(reply.status()).as(alias + " " + reply).isEqualTo(200);
            assertThat(reply.json().get("user").get("image").asText()).isEqualTo("https://e.x/a.png");
        }
    }

    @Test
    void refusesServerCallersWithoutAValidKey() {
        assertError(http().call("POST", "/chatsdk/auth/tokens").json("{\"userId\":\"u\"}").send(), 401,
                "MISSING_API_KEY", "The X-API-Key header is missing.");
        assertError(http().call("POST", "/chatsdk/auth/tokens").header("X-API-Key", "ck_wrong")
                .json("{\"userId\":\"u\"}").send(), 401, "INVALID_API_KEY",
                "The X-API-Key header does not hold a valid API key.");
    }

    @Test
    void answersBadIssueRequestsWithContractErrors() {
        assertError(api("/chatsdk/auth/tokens").header("Content-Type", "text/plain").body("userId=u").send(), 415,
                "UNSUPPORTED_MEDIA_TYPE", "The request body must be sent as application/json.");
        assertError(api("/chatsdk/auth/tokens").json("{\"userId\":").send(), 400, "MALFORMED_JSON",
                "The request body is not valid JSON (line 1, column 11).");
        assertError(api("/chatsdk/auth/tokens").json("{\"name\":\"x\"}").send(), 400, "INVALID_REQUEST",
                "Field 'userId' is required and must be a string.");
        assertError(api("/chatsdk/auth/tokens").json("{\"userId\":\"app:u\"}").send(), 400, "INVALID_USER_ID",
                "The user id contains ':', which separates the app id from the user id in 'sub'.");
        assertError(api("/chatsdk/auth/tokens").json("{\"userId\":\"u\",\"custom\":[1]}").send(), 400,
                "INVALID_REQUEST", "Field 'custom' must be a JSON object.");
        String big = "{\"userId\":\"u\",\"name\":\"" + "x".repeat(20_000) + "\"}";
        assertError(api("/chatsdk/auth/tokens").json(big).send(), 413, "PAYLOAD_TOO_LARGE",
                "The request body is larger than 16384 bytes.");
        assertError(api("/chatsdk/auth/tokens").send(), 415, "UNSUPPORTED_MEDIA_TYPE",
                "The request body must be sent as application/json.");
        assertError(api("/chatsdk/auth/tokens").json("").send(), 400, "MALFORMED_JSON",
                "The request body is empty; send a JSON object.");
    }

    @Test
    void refusesAnUnpairedSurrogateInEveryStringItWouldSign() {
        String lone = "\\ud800";
        assertError(api("/chatsdk/auth/tokens").json("{\"userId\":\"u" + lone + "\"}").send(), 400, "INVALID_USER_ID",
                "The user id contains an unpaired UTF-16 surrogate at position 1, which UTF-8 cannot encode.");
        assertError(api("/chatsdk/auth/tokens").json("{\"userId\":\"\\udc00u\"}").send(), 400, "INVALID_USER_ID",
                "The user id contains an unpaired UTF-16 surrogate at position 0, which UTF-8 cannot encode.");
        String[][] fields = {{"name", "name"}, {"displayName", "name"}, {"email", "email"}, {"avatar", "avatar"},
            {"image", "avatar"}};
        for (String[] field : fields) {
            String value = field[1].equals("avatar") ? "https://e.x/" + lone : "ab" + lone;
            int at = field[1].equals("avatar") ? 12 : 2;
            assertError(api("/chatsdk/auth/tokens").json("{\"userId\":\"u\",\"" + field[0] + "\":\"" + value + "\"}")
                    .send(), 400, "INVALID_REQUEST", "Field '" + field[1] + "' contains an unpaired UTF-16 surrogate at "
                    + "position " + at + ", which UTF-8 cannot encode.");
        }
        assertError(api("/chatsdk/auth/tokens").json("{\"userId\":\"u\",\"custom\":{\"role\":\"a" + lone + "\"}}")
                .send(), 400, "INVALID_REQUEST",
                "Field 'custom.role' contains an unpaired UTF-16 surrogate at position 1, which UTF-8 cannot encode.");
        assertError(api("/chatsdk/auth/tokens").json("{\"userId\":\"u\",\"metadata\":{\"a\":{\"b\":[\"x\",\"" + lone
                + "\"]}}}").send(), 400, "INVALID_REQUEST",
                "Field 'custom.a.b[1]' contains an unpaired UTF-16 surrogate at position 0, which UTF-8 cannot encode.");
        assertError(api("/chatsdk/auth/tokens").json("{\"userId\":\"u\",\"custom\":{\"k" + lone + "\":1}}").send(), 400,
                "INVALID_REQUEST", "Field 'custom.k\ufffd' has a name with an unpaired UTF-16 surrogate, which UTF-8 "
                        + "cannot encode.");
        Http.Reply paired = api("/chatsdk/auth/tokens").json("{\"userId\":\"u\\ud83d\\ude00\",\"name\":\"\\ud83d\\ude00\"}")
                .send();
        assertThat(paired.status()).as(paired.toString()).isEqualTo(200);
        assertThat(paired.json().get("user").get("id").asText()).isEqualTo("u\ud83d\ude00");
    }

    @Test
    void answersUnknownApiPathsWithNotFound() {
        assertError(http().call("GET", "/chatsdk/.well-known/jwks.json").send(), 404, "NOT_FOUND",
                "No ChatSDK endpoint at '/chatsdk/.well-known/jwks.json'.");
        assertError(http().call("GET", "/chatsdk/auth/tokens").send(), 405, "METHOD_NOT_ALLOWED",
                "Method GET is not allowed here; use POST.");
    }

    @Test
    void rotatesLogsOutAndValidatesThroughThisAdapter() {
        JsonNode login = alice("POST").json();
        String sid = verify(login.get("accessToken").asText(), CONFIG.secret).getClaim("sid").asString();

        Http.Reply byHeader = http().call("POST", "/chatsdk/auth/refresh")
                .header("Authorization", "Bearer " + login.get("refreshToken").asText()).send();
        assertThat(byHeader.status()).as(byHeader.toString()).isEqualTo(200);
        assertThat(byHeader.header(ChatResponse.HANDLER_HEADER)).isEqualTo(expectedHandler());
        JsonNode rotated = byHeader.json();
        assertThat(verify(rotated.get("accessToken").asText(), CONFIG.secret).getClaim("sid").asString()).isEqualTo(sid);
        Http.Reply byBody = http().call("POST", "/chatsdk/tokens/refresh")
                .json("{\"refreshToken\":\"" + rotated.get("refreshToken").asText() + "\"}").send();
        assertThat(byBody.status()).as(byBody.toString()).isEqualTo(200);
        String latest = byBody.json().get("refreshToken").asText();

        Http.Reply valid = http().call("GET", "/chatsdk/tokens/validate")
                .header("Authorization", "Bearer " + byBody.json().get("accessToken").asText()).send();
        assertThat(valid.status()).as(valid.toString()).isEqualTo(200);
        assertThat(valid.json().get("payload").get("sessionId").asText()).isEqualTo(sid);

        Http.Reply logout = http().call("POST", "/chatsdk/auth/logout").header("Authorization", "Bearer " + latest).send();
        assertThat(logout.json().get("revoked").asBoolean()).isTrue();
        assertError(http().call("POST", "/chatsdk/api/auth/refresh").header("Authorization", "Bearer " + latest).send(),
                401, "SESSION_REVOKED", "The refresh token's session was revoked.");
    }

    @Test
    void refusesTwoAuthorizationHeadersAndLeavesTheSessionAsItWas() {
        JsonNode login = alice("POST").json();
        String refresh = "Bearer " + login.get("refreshToken").asText();
        String access = "Bearer " + login.get("accessToken").asText();
        for (String path : new String[] {"/chatsdk/auth/refresh", "/chatsdk/auth/logout"}) {
            assertError(http().call("POST", path).header("Authorization", refresh).header("Authorization", refresh)
                    .send(), 400, "INVALID_REQUEST", "Send one Authorization header, not several.");
        }
        assertError(http().call("GET", "/chatsdk/tokens/validate").header("Authorization", access)
                .header("Authorization", "Bearer x").send(), 400, "INVALID_REQUEST",
                "Send one Authorization header, not several.");

        Http.Reply after = http().call("POST", "/chatsdk/auth/refresh").header("Authorization", refresh).send();
        assertThat(after.status()).as("neither refusal spent or ended the session: " + after).isEqualTo(200);
    }

    @Test
    void theTokenEndpointRefusesTwoAuthorizationHeadersToo() {
        Http.Reply reply = http().call("POST", TOKEN).header("Authorization", Http.basic(TestUsers.ALICE, TestUsers.ALICE_PASSWORD))
                .header("Authorization", Http.basic(TestUsers.BOB, TestUsers.BOB_PASSWORD)).send();

        assertError(reply, 400, "INVALID_REQUEST", "Send one Authorization header, not several.");
    }

    /** The conformance kit, as a customer runs it against a deployment, with every capability given. */
    @Test
    void passesTheConformanceKit() throws java.io.IOException {
        java.util.Map<String, String> target = new java.util.LinkedHashMap<>();
        target.put("chatsdk.tck.base-url", http().baseUrl());
        target.put("chatsdk.tck.user", TestUsers.ALICE);
        target.put("chatsdk.tck.password", TestUsers.ALICE_PASSWORD);
        target.put("chatsdk.tck.denied-user", TestUsers.BOB);
        target.put("chatsdk.tck.denied-password", TestUsers.BOB_PASSWORD);
        target.put("chatsdk.tck.api-key", CONFIG.apiKey);
        target.put("chatsdk.tck.secret", CONFIG.secret);
        target.put("chatsdk.tck.ws-secret", CONFIG.wsSecret);
        target.put("chatsdk.tck.basic-challenge", "true");

        dev.chatsdk.jakarta.tck.TckRunner.Result result = dev.chatsdk.jakarta.tck.TckRunner.run(target, List.of());

        String report = getClass().getSimpleName() + " (" + expectedHandler() + ")" + System.lineSeparator() + result;
        System.out.println(report);
        java.nio.file.Path out = java.nio.file.Path.of("target", "tck", getClass().getSimpleName() + ".txt");
        java.nio.file.Files.createDirectories(out.getParent());
        java.nio.file.Files.writeString(out, report);
        assertThat(result.failed).as(report).isZero();
        // this deployment keeps the default 30 s grace, no rate limits, HS256, and declares no trusted proxy; it has no
        // application pages that start and end an HTTP session (HttpSessionEndContract covers those)
        assertThat(result.skippedTests).as(report).containsExactlyInAnyOrder(
                "RefreshTck.refusesAForkAfterTheGraceAndRevokesTheSession",
                "RefreshTck.revokesTheSessionWhenASpentTokenComesBackAfterTheGrace",
                "LimitsTck.answers429WithRetryAfterAndRateLimitHeadersPastTheAddressLimit",
                "LimitsTck.countsOneClientBehindTheProxyOnceWhateverItPutsInFrontOrWhicheverPortItUses",
                "LimitsTck.throttlesWrongApiKeysPerClientThenEveryKeyOfThatClient",
                "JwksTck.verifiesTheTargetsTokensWithThePublishedKey", "JwksTck.publishesNoPrivateKeyMaterial",
                "AppLogoutTck.theApplicationsLogoutEndsTheChatSessionsOfThatLoginOnly",
                "AppLogoutTck.issuesTokensOnTheFirstCallAfterTheHttpSessionStarted");
        assertThat(result.passed + result.skipped).isEqualTo(dev.chatsdk.jakarta.tck.TckRunner.TESTS.stream()
                .mapToLong(c -> java.util.Arrays.stream(c.getDeclaredMethods())
                        .filter(m -> m.isAnnotationPresent(Test.class)).count()).sum());
    }

    protected Http.Call api(String path) {
        return http().call("POST", path).header("X-API-Key", CONFIG.apiKey);
    }

    protected static void assertError(Http.Reply reply, int status, String code, String message) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        JsonNode error = reply.json().get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).isEqualTo(message);
        assertThat(error.get("suggestion").asText()).isNotBlank();
        assertThat(error.get("retryable").isBoolean()).isTrue();
        assertThat(error.get("requestId").asText()).isNotBlank();
    }

    protected static DecodedJWT verify(String token, String secret) {
        return JWT.require(Algorithm.HMAC256(secret.getBytes(StandardCharsets.UTF_8)))
                .withIssuer("chatsdk-api").withAudience("chatsdk-client").build().verify(token);
    }

    protected static Map<String, String> properties(TestConfig config, Map<String, String> extra) {
        Map<String, String> p = new java.util.LinkedHashMap<>(config.properties());
        p.putAll(extra);
        p.putIfAbsent(ChatSdkConfig.Keys.ROLES_ALLOWED, TestUsers.CHAT_ROLE);
        return p;
    }
}
