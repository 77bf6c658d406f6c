package dev.chatsdk.jakarta.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What the kit's tests share: HTTP/1.1 calls to the target, JSON, JWT payloads and HS256 checks. */
public abstract class TckHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** One answer, with its body as JSON on demand. */
    protected static final class Reply {
        final HttpResponse<String> response;

        Reply(HttpResponse<String> response) {
            this.response = response;
        }

        int status() {
            return response.statusCode();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + this, e);
            }
        }

        @Override
        public String toString() {
            // tokens are credentials: a report names them, never prints them
            return response.statusCode() + " " + response.body().replaceAll("eyJ[\\w-]*\\.[\\w-]*\\.[\\w-]*", "<JWT>");
        }
    }

    /**
     * @param path a path below the target's context root, such as {@code /api/chat/token}
     * @return a request to it, with a 30 s timeout, so a hung target fails the test instead of the run
     */
    protected static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(TckTarget.baseUrl() + path)).timeout(Duration.ofSeconds(30));
    }

    /**
     * @param path a path below the token API's base, such as {@code /auth/refresh}
     * @return the path below the context root ({@code chatsdk.tck.api-base}, default {@code /chatsdk}, before it)
     */
    protected static String api(String path) {
        return TckTarget.apiBase() + path;
    }

    /**
     * @param request a request built by {@link #request(String)}
     * @return the target's answer; an I/O failure is thrown unchecked, as a failed test
     */
    protected static Reply send(HttpRequest.Builder request) {
        try {
            return new Reply(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param path a path below the context root
     * @param json the body, sent as {@code application/json}; {@code null} sends no body and no Content-Type
     * @return the target's answer
     */
    protected static Reply post(String path, String json) {
        HttpRequest.Builder request = request(path);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    /**
     * @param user     a user name
     * @param password its password
     * @return the {@code Authorization} value of BASIC authentication (UTF-8)
     */
    protected static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @return the allowed user's credentials: {@code chatsdk.tck.authorization} as it is (a bearer token of the
     *         target's identity provider), else BASIC of {@code chatsdk.tck.user} and {@code chatsdk.tck.password}; or
     *         skip the test
     */
    protected static String allowedUser() {
        String authorization = TckTarget.get("authorization");
        if (authorization != null) {
            assumeTrue(TckTarget.get("user") != null, "needs chatsdk.tck.user, the chat user id chatsdk.tck.authorization logs in");
            return authorization;
        }
        String user = TckTarget.get("user");
        String password = TckTarget.get("password");
        assumeTrue(user != null && password != null, "needs chatsdk.tck.user and chatsdk.tck.password");
        return basic(user, password);
    }

    /** @return the allowed user's chat user id ({@code chatsdk.tck.user}), or skip the test */
    protected static String allowedUserName() {
        allowedUser();
        return TckTarget.get("user");
    }

    /** @return the token API's key, or skip the test */
    protected static String apiKey() {
        String key = TckTarget.get("api-key");
        assumeTrue(key != null, "needs chatsdk.tck.api-key (a local-issuer deployment's token API key)");
        return key;
    }

    /** @return the allowed user's fresh token response */
    protected static JsonNode login() {
        Reply reply = send(request(TckTarget.tokenPath()).header("Authorization", allowedUser())
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.header("X-Content-Type-Options")).as("X-Content-Type-Options of a token response")
                .isEqualTo("nosniff");
        return reply.json();
    }

    /**
     * @param path         the refresh endpoint, below the context root
     * @param refreshToken the refresh token, sent as a bearer token
     * @return the target's answer
     */
    protected static Reply refresh(String path, String refreshToken) {
        return send(request(path).header("Authorization", "Bearer " + refreshToken).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /**
     * @param jwt a compact JWT
     * @return its payload, not verified
     */
    protected static JsonNode payload(String jwt) {
        String[] parts = jwt.split("\\.");
        assertThat(parts).as("a compact JWT").hasSize(3);
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param jwt    a compact HS256 JWT
     * @param secret an HMAC secret
     * @return whether the JWT was signed with the secret (its UTF-8 bytes)
     */
    protected static boolean signedWith(String jwt, String secret) {
        int dot = jwt.lastIndexOf('.');
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal(jwt.substring(0, dot).getBytes(StandardCharsets.US_ASCII));
            return MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(jwt.substring(dot + 1)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param tokens a token response
     * @return the session id ({@code sid}) of its access token
     */
    protected static String sid(JsonNode tokens) {
        return payload(tokens.get("accessToken").asText()).get("sid").asText();
    }

    /**
     * @param tokens a token response
     * @param field  one of its fields, such as {@code refreshToken}
     * @return the field's text
     */
    protected static String text(JsonNode tokens, String field) {
        return tokens.get(field).asText();
    }

    /**
     * @param path  a path below the token API's base, such as {@code /auth/validate}
     * @param token an access token, sent as a bearer token
     * @return the target's answer to a GET
     */
    protected static Reply validate(String path, String token) {
        return send(request(api(path)).header("Authorization", "Bearer " + token).GET());
    }

    /**
     * @param refreshToken the refresh token whose session ends
     * @return the target's answer to the token API's logout
     */
    protected static Reply logout(String refreshToken) {
        return post(api("/auth/logout"), "{\"refreshToken\":\"" + refreshToken + "\"}");
    }

    /**
     * @param json a JSON object
     * @return it as a base64url JWT part
     */
    protected static String part(String json) {
        return part(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param bytes a JWT part's bytes (a header, a payload or a signature)
     * @return them in base64url without padding, as a compact JWT carries them
     */
    protected static String part(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * @param jwt    a token the target issued
     * @param change what to change in its payload
     * @return the token with its payload changed and signed again with the target's own key (the HS256 secret or
     *         the RS256/ES256 private key), or skip the test when the target does not give the key
     */
    protected static String forge(String jwt, java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> change) {
        String algorithm = TckTarget.algorithm();
        assumeTrue(algorithm != null, "needs chatsdk.tck.secret (HS256) or chatsdk.tck.algorithm with chatsdk.tck.private-key");
        String[] parts = jwt.split("\\.");
        com.fasterxml.jackson.databind.node.ObjectNode claims = (com.fasterxml.jackson.databind.node.ObjectNode) payload(jwt);
        change.accept(claims);
        String input = parts[0] + "." + part(claims.toString());
        return input + "." + part(Keys.sign(algorithm, input));
    }

    /**
     * Asserts a client error with the JSON error body of docs/http-api.md#errors (never a 5xx, an HTML page or an empty body), whose
     * status and code are one of the expected pairs.
     *
     * @param reply    the target's answer
     * @param expected {@code "<status> <code>"} pairs, such as {@code "401 INVALID_REFRESH_TOKEN"}
     */
    protected static void assertClientError(Reply reply, String... expected) {
        assertThat(reply.header("Content-Type")).as("Content-Type of " + reply).startsWith("application/json");
        JsonNode error = reply.json().get("error");
        assertThat(error).as("error object in " + reply).isNotNull();
        assertThat(reply.status() + " " + error.path("code").asText()).as(reply.toString()).isIn((Object[]) expected);
        assertThat(error.get("message").asText()).as(reply.toString()).isNotBlank();
        assertThat(error.get("suggestion").asText()).as(reply.toString()).isNotBlank();
    }

    /**
     * Asserts an error answer with the contract's JSON error body of exactly this status and code.
     *
     * @param reply  the target's answer
     * @param status the HTTP status
     * @param code   the error code, such as {@code INVALID_REFRESH_TOKEN}
     */
    protected static void assertError(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).as("Content-Type").startsWith("application/json");
        assertThat(reply.header("X-Content-Type-Options")).as("X-Content-Type-Options of " + reply).isEqualTo("nosniff");
        JsonNode error = reply.json().get("error");
        assertThat(error).as("error object in " + reply).isNotNull();
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("suggestion").asText()).isNotBlank();
        assertThat(error.get("retryable").isBoolean()).isTrue();
        assertThat(error.get("requestId").asText()).isNotBlank();
    }
}
