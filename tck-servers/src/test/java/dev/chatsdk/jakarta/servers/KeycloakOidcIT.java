package dev.chatsdk.jakarta.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * OpenID Connect for real: Keycloak 26 ({@link KeycloakServer}) and WildFly with the jakartaee-war example secured by
 * {@code elytron-oidc-client} (bearer-only, set with the offline CLI; the WAR unchanged). Alice and bob log in by
 * Keycloak's direct grant; their access tokens are the credentials of the token endpoint. The module maps the OIDC
 * principal's claims: {@code chatsdk.identity.claims.user-id=preferred_username} (WildFly names the principal by the
 * {@code sub} UUID), the profile claims by default, {@code realm_access} into {@code custom}. Then the kit runs with
 * alice's and bob's bearer tokens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakOidcIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private KeycloakServer keycloak;
    private ServerProcess wildFly;
    private String baseUrl;
    private String alice;
    private String bob;
    private Duration ready;

    @BeforeAll
    @Timeout(420)
    void start() throws Exception {
        keycloak = KeycloakServer.start();
        System.out.println("Keycloak ready in " + keycloak.ready().toMillis() + " ms");
        alice = keycloak.accessToken(KitTarget.USER, KitTarget.PASSWORD);
        bob = keycloak.accessToken(KitTarget.DENIED_USER, KitTarget.DENIED_PASSWORD);
        int port = ServerProcess.freePort();
        wildFly = new WildFlyLauncher(this::secureWithOidc).launch(port);
        baseUrl = "http://127.0.0.1:" + port + "/app";
        ready = wildFly.awaitReady(tokenRequest("Bearer " + alice), Duration.ofSeconds(120));
        System.out.println("WildFly with elytron-oidc-client ready in " + ready.toMillis() + " ms");
    }

    /** The offline CLI: the WAR's login becomes bearer-only OIDC against the realm; the module's claim keys. */
    private List<String> secureWithOidc(Path home) throws IOException {
        Path script = home.resolve("oidc.cli");
        Files.writeString(script, String.join("\n", "embed-server --std-out=discard --server-config=standalone.xml",
                "/subsystem=elytron-oidc-client/secure-deployment=app.war:add(provider-url=\"" + keycloak.realmUrl()
                        + "\",client-id=" + KeycloakServer.CLIENT_ID + ",bearer-only=true,ssl-required=NONE)",
                "stop-embedded-server", ""));
        Process cli = new ProcessBuilder(home.resolve("bin/jboss-cli.sh").toString(), "--file=" + script)
                .redirectErrorStream(true).redirectOutput(Path.of("target", "wildfly-oidc-cli.log").toFile()).start();
        try {
            assertThat(cli.waitFor()).as("jboss-cli (see target/wildfly-oidc-cli.log)").isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while jboss-cli ran", e);
        }
        List<String> properties = new ArrayList<>();
        properties.add("-Dchatsdk.identity.claims.user-id=preferred_username");
        properties.add("-Dchatsdk.identity.claims.custom=realm_access");
        properties.add("-Dchatsdk.web.auth-challenge=Bearer");
        return properties;
    }

    @AfterAll
    void stop() throws InterruptedException {
        try {
            if (wildFly != null) {
                wildFly.close();
            }
        } finally {
            if (keycloak != null) {
                keycloak.close();
            }
        }
    }

    private HttpRequest tokenRequest(String authorization) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/api/chat/token")).header("Authorization", authorization)
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    private HttpResponse<String> token(String authorization) throws IOException, InterruptedException {
        return http.send(tokenRequest(authorization), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(1)
    void alicesChatUserIsHerKeycloakProfile() throws Exception {
        HttpResponse<String> response = token("Bearer " + alice);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode user = JSON.readTree(response.body()).get("user");
        assertThat(user.get("id").asText()).isEqualTo("alice");
        assertThat(user.get("name").asText()).isEqualTo("Alice Liddell");
        assertThat(user.get("email").asText()).isEqualTo("alice@example.com");
        assertThat(user.get("avatar").asText()).isEqualTo("https://example.com/alice.png");
        assertThat(user.get("custom").get("realm_access").get("roles").toString()).contains("\"chat-user\"");
        String payload = JSON.readTree(response.body()).get("accessToken").asText().split("\\.")[1];
        JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
        assertThat(claims.get("user_id").asText()).isEqualTo("alice");
    }

    @Test
    @Order(2)
    void bobWithoutTheChatRoleIsRefused() throws Exception {
        HttpResponse<String> response = token("Bearer " + bob);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.body()).contains("NO_CHAT_ACCESS");
    }

    @Test
    @Order(3)
    void aTokenKeycloakDidNotSignIsUnauthenticated() throws Exception {
        String[] parts = alice.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        assertThat(token("Bearer garbage").statusCode()).isEqualTo(401);
        assertThat(token("Bearer " + forged).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(4)
    void passesTheConformanceKitWithKeycloaksBearerTokens() throws IOException {
        KitTarget.Deployment deployment = KitTarget.Deployment.hs256();
        deployment.kit.put("chatsdk.tck.authorization", "Bearer " + alice);
        deployment.kit.put("chatsdk.tck.denied-authorization", "Bearer " + bob);
        deployment.kit.put("chatsdk.tck.basic-challenge", "false");
        deployment.expectedSkips.add("TokenEndpointTck.challengesAnAnonymousCallerForBasicWhenTheTargetOffersIt");
        deployment.expectedSkips.add("TokenEndpointTck.refusesABrowsersRememberedLoginSentByAnotherPage");
        // elytron-http-oidc 2.8.2 (WildFly 39.0.1) checks every Bearer header of the deployment, on every path, as a
        // Keycloak token: one whose JOSE header has an object for "kid" makes its TokenValidator.setVerificationKey
        // throw a ClassCastException (jose4j's getKeyIdHeaderValue), which Undertow answers with its HTML 500 before
        // the module sees the request. Every other malformed token reaches the module and gets its JSON 401.
        for (String test : List.of("validateAnswersEveryMalformedTokenWithAJsonClientError",
                "validateWsAnswersEveryMalformedTokenWithAJsonClientError",
                "refreshByBearerAnswersEveryMalformedTokenWithAJsonClientError", "logoutAnswersEveryMalformedTokenWithoutA5xx")) {
            deployment.expectedFailures.put("MalformedTokenTck." + test, "header kid object: 500 <html>");
        }
        KitTarget.runKit("WildFly " + dev.chatsdk.testsupport.ServerVersions.wildFly() + " + Keycloak OIDC", baseUrl, ready,
                deployment);
    }
}
