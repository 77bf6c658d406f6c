package dev.chatsdk.jakarta.servers;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Keycloak from the keycloak-quarkus-dist zip on Maven Central, unpacked fresh per run (its H2 database remembers an
 * imported realm and skips the next import), started in dev mode on 127.0.0.1 with the realm {@code chat} of
 * {@code src/test/resources/keycloak/chat-realm.json} imported: client {@code chat-app} with direct grants, users
 * alice (realm role chat-user, a picture) and bob (staff), their passwords {@link KitTarget}'s. Always stopped with
 * everything it spawned.
 */
final class KeycloakServer implements AutoCloseable {
    static final String REALM = "chat";
    static final String CLIENT_ID = "chat-app";
    static final String CLIENT_SECRET = "chat-app-secret";
    /** Keycloak runs on the JDK it supports (21+). */
    private static final String JAVA_HOME = System.getProperty("keycloak.java.home", "/usr/lib/jvm/temurin-25-jdk-amd64");

    private final ServerProcess process;
    private final String url;
    private final Duration ready;

    private KeycloakServer(ServerProcess process, String url, Duration ready) {
        this.process = process;
        this.url = url;
        this.ready = ready;
    }

    /** Unpacks, imports the realm, starts and waits until the realm's discovery document answers. */
    static KeycloakServer start() throws Exception {
        Path home = WildFlyLauncher.unzip(KitTarget.serversDir().resolve("keycloak.zip"), Path.of("target", "keycloak"));
        home.resolve("bin/kc.sh").toFile().setExecutable(true);
        Path imports = Files.createDirectories(home.resolve("data/import"));
        try (var realm = KeycloakServer.class.getResourceAsStream("/keycloak/chat-realm.json")) {
            Files.copy(realm, imports.resolve("chat-realm.json"));
        }
        int http = ServerProcess.freePort();
        int management = ServerProcess.freePort();
        ServerProcess process = ServerProcess.start("Keycloak", List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + http, "--http-management-port=" + management, "--import-realm"),
                Map.of("JAVA_HOME", JAVA_HOME), Path.of("target", "keycloak.log"));
        String url = "http://127.0.0.1:" + http;
        try {
            Duration ready = process.awaitReady(HttpRequest.newBuilder(URI.create(url + "/realms/" + REALM
                    + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(5)).GET().build(), Duration.ofSeconds(200));
            return new KeycloakServer(process, url, ready);
        } catch (Exception | Error e) {
            process.close();
            throw e;
        }
    }

    /** @return the realm's issuer URL, the OIDC client's {@code provider-url} */
    String realmUrl() {
        return url + "/realms/" + REALM;
    }

    /** @return how long the start took, unpacking left out */
    Duration ready() {
        return ready;
    }

    /** @return the access token of a direct grant (resource owner password) for the user, scope {@code openid} */
    String accessToken(String user, String password) throws IOException, InterruptedException {
        String form = "grant_type=password&scope=openid&client_id=" + CLIENT_ID + "&client_secret=" + CLIENT_SECRET
                + "&username=" + enc(user) + "&password=" + enc(password);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(realmUrl()
                + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            // the body is Keycloak's error (no credential in it)
            throw new IllegalStateException("Keycloak refused the direct grant for " + user + ": " + response.statusCode()
                    + " " + response.body());
        }
        JsonNode body = new ObjectMapper().readTree(response.body());
        return body.get("access_token").asText();
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
