package dev.chatsdk.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one HTTP/1.1 client of the reactor's tests (HTTP/1.1 pinned: Grizzly drops headers on h2c upgrades): a
 * request builder on a base URL, and static calls on whole URLs for scripts against deployed servers. The
 * conformance kit keeps its own {@code TckHttp}: it is published, and a published jar cannot depend on this one.
 */
public final class Http {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static volatile Consumer<String> refreshTokenSeen = token -> { };

    private final String baseUrl;

    public Http(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * Sets what is told of every refresh token a JSON reply carries: a module's log check registers it, to fail
     * when one is logged.
     */
    public static void whenRefreshTokenSeen(Consumer<String> listener) {
        refreshTokenSeen = Objects.requireNonNull(listener);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Call call(String method, String path) {
        return new Call(method, path);
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** POSTs no body to a whole URL with an Authorization header. */
    public static HttpResponse<String> post(String url, String authorization) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** GETs a whole URL with an Authorization header. */
    public static HttpResponse<String> get(String url, String authorization) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization).GET());
    }

    /** Sends a request built by the caller, with the client's 20-second timeout; the body is read as UTF-8. */
    public static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** @return the value of a string field in a JSON text (the tests only need to recognise it) */
    public static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(name + " in " + json.length() + " chars").isTrue();
        return m.group(1);
    }

    /** One request being built. */
    public final class Call {
        private final HttpRequest.Builder request;
        private final String method;
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

        Call(String method, String path) {
            this.method = method;
            this.request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20));
        }

        public Call header(String name, String value) {
            request.header(name, value);
            return this;
        }

        public Call as(String user, String password) {
            return header("Authorization", basic(user, password));
        }

        public Call json(String json) {
            header("Content-Type", "application/json");
            return body(json);
        }

        public Call body(String text) {
            body = HttpRequest.BodyPublishers.ofString(text);
            return this;
        }

        /** A body sent byte for byte, for bodies no Java string can spell (invalid UTF-8). */
        public Call bytes(byte[] raw) {
            body = HttpRequest.BodyPublishers.ofByteArray(raw);
            return this;
        }

        public Reply send() {
            try {
                HttpResponse<String> r = CLIENT.send(request.method(method, body).build(),
                        HttpResponse.BodyHandlers.ofString());
                return new Reply(r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A response, with its body parsed as JSON on demand. */
    public static final class Reply {
        public final HttpResponse<String> response;

        Reply(HttpResponse<String> response) {
            this.response = response;
        }

        public int status() {
            return response.statusCode();
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public JsonNode json() {
            try {
                JsonNode json = JSON.readTree(response.body());
                if (json != null && json.path("refreshToken").isTextual()) {
                    refreshTokenSeen.accept(json.get("refreshToken").asText());
                }
                return json;
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + response.body(), e);
            }
        }

        @Override
        public String toString() {
            return response.statusCode() + " " + response.body();
        }
    }
}
