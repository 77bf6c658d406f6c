package dev.chatsdk.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.chatsdk.testsupport.Http.basic;
import static dev.chatsdk.testsupport.Http.send;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The requests the quickstart tests send, and how they read the tokens they get. */
final class QuickstartHttp {
    static final String TOKEN_PATH = "/api/chat/token";
    static final ObjectMapper JSON = new ObjectMapper();

    private QuickstartHttp() {
    }

    static String token(Quickstart target) throws IOException, InterruptedException {
        HttpResponse<String> response = send(post(target, TOKEN_PATH).header("Authorization", basic("alice", "alice-password")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("accessToken").asText();
    }

    static HttpRequest.Builder post(Quickstart target, String path) {
        return request(target, path).POST(HttpRequest.BodyPublishers.noBody());
    }

    static HttpRequest.Builder request(Quickstart target, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port() + path))
                .timeout(Duration.ofSeconds(10));
    }

    /** @return whether an HS256 JWT's signature was made with {@code secret} (its UTF-8 bytes, as docs/http-api.md#the-tokens says) */
    static boolean signedWith(String jwt, String secret) throws Exception {
        int dot = jwt.lastIndexOf('.');
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal(jwt.substring(0, dot).getBytes(StandardCharsets.US_ASCII));
        return MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(jwt.substring(dot + 1)));
    }

    static JsonNode payload(String jwt) throws IOException {
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }
}
