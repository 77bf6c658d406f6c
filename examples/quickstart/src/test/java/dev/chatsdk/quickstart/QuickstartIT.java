package dev.chatsdk.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.chatsdk.quickstart.QuickstartHttp.JSON;
import static dev.chatsdk.quickstart.QuickstartHttp.TOKEN_PATH;
import static dev.chatsdk.quickstart.QuickstartHttp.payload;
import static dev.chatsdk.quickstart.QuickstartHttp.post;
import static dev.chatsdk.quickstart.QuickstartHttp.request;

import static dev.chatsdk.testsupport.Http.basic;
import static dev.chatsdk.testsupport.Http.send;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The quickstart in this JVM on a free loopback port (see {@link RunningQuickstart}), over HTTP/1.1 as the curl commands
 * on its home page: the token endpoint behind the container's BASIC and form login, the home page and its files.
 * {@link QuickstartConfigurationIT} starts it with other settings.
 */
@ExtendWith(RunningQuickstart.class)
class QuickstartIT {
    @Test
    void aliceGetsTokensWithHerProfile(Quickstart quickstart) throws Exception {
        HttpResponse<String> response = send(post(quickstart, TOKEN_PATH).header("Authorization", basic("alice", "alice-password")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("accessToken").asText()).isNotEmpty().isEqualTo(body.path("token").asText());
        assertThat(body.path("refreshToken").asText()).isNotEmpty().isNotEqualTo(body.path("accessToken").asText());
        assertThat(body.path("wsToken").asText()).isNotEmpty().isEqualTo(body.path("_internal").path("wsToken").asText());
        assertThat(body.path("expiresIn").asLong()).isEqualTo(3600);

        JsonNode user = body.path("user");
        assertThat(user.path("id").asText()).isEqualTo("alice");
        assertThat(user.path("name").asText()).isEqualTo("Alice Example");
        assertThat(user.path("avatar").asText()).isEqualTo("https://example.com/avatars/alice.png");
        assertThat(user.path("custom").path("role").asText()).isEqualTo("admin");
        assertThat(user.path("custom").path("department").asText()).isEqualTo("engineering");

        JsonNode claims = payload(body.path("accessToken").asText());
        // docs/http-api.md#the-token-response: expiresAt = (iat + expiresIn) x 1000, from the same clock reading as serverTime
        long iat = claims.path("iat").asLong();
        assertThat(body.path("expiresAt").asLong()).isEqualTo((iat + 3600) * 1000);
        assertThat(body.path("serverTime").asLong()).isBetween(iat * 1000, iat * 1000 + 999);
        assertThat(claims.path("exp").asLong()).isEqualTo(iat + 3600);
        assertThat(claims.path("sub").asText()).isEqualTo("3f9c1a52-7d4e-4b8a-9c61-2e5f0d7b8a13:alice");
        assertThat(claims.path("type").asText()).isEqualTo("access");
        assertThat(claims.path("name").asText()).isEqualTo("Alice Example");
    }

    @Test
    void aliceMayAlsoUseGet(Quickstart quickstart) throws Exception {
        HttpResponse<String> response = send(request(quickstart, TOKEN_PATH).GET()
                .header("Authorization", basic("alice", "alice-password")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("user").path("name").asText()).isEqualTo("Alice Example");
    }

    @Test
    void bobIsAuthenticatedButHasNoChatRole(Quickstart quickstart) throws Exception {
        HttpResponse<String> response = send(post(quickstart, TOKEN_PATH).header("Authorization", basic("bob", "bob-password")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(JSON.readTree(response.body()).path("error").path("code").asText()).isEqualTo("NO_CHAT_ACCESS");
    }

    @Test
    void anAnonymousCallerGetsTheModulesJsonErrorWithBasicsChallenge(Quickstart quickstart) throws Exception {
        // what a browser's token provider sends without a login (issue 15 item 11: it got the container's HTML page)
        for (String method : new String[] {"POST", "GET"}) {
            HttpResponse<String> response = send(request(quickstart, TOKEN_PATH)
                    .method(method, HttpRequest.BodyPublishers.noBody()).header("Accept", "text/html,*/*"));

            assertUnauthenticated(method, response);
        }
        // a session cookie the server does not know is nobody too
        assertUnauthenticated("unknown session", send(post(quickstart, TOKEN_PATH).header("Cookie", "JSESSIONID=node0nosuch")));
    }

    @Test
    void aMovedTokenEndpointIsLeftToTheModuleAtItsNewPath() throws Exception {
        try (Quickstart moved = Quickstart.start(0, Map.of("chatsdk.web.token-path", "/api/v2/chat-token"))) {
            assertUnauthenticated("moved", send(post(moved, "/api/v2/chat-token")));
            assertThat(send(post(moved, "/api/v2/chat-token").header("Authorization", basic("alice", "alice-password")))
                    .statusCode()).isEqualTo(200);
            // the default path is now just another page under the guarded /api/*
            HttpResponse<String> old = send(post(moved, TOKEN_PATH));
            assertThat(old.statusCode()).isEqualTo(401);
            assertThat(old.body()).doesNotContain("UNAUTHENTICATED");
        }
    }

    @Test
    void otherMethodsOnTheTokenEndpointGetTheModulesJsonErrorToo(Quickstart quickstart) throws Exception {
        for (String method : new String[] {"PUT", "DELETE", "PATCH"}) {
            HttpResponse<String> response = send(request(quickstart, TOKEN_PATH)
                    .method(method, HttpRequest.BodyPublishers.noBody()));

            assertThat(response.statusCode()).as(method + " " + response.body()).isEqualTo(405);
            assertThat(response.headers().firstValue("Content-Type")).as(method).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(response.headers().firstValue("Allow")).as(method).hasValue("GET, POST");
            assertThat(JSON.readTree(response.body()).path("error").path("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(method).isEmpty();
        }
    }

    @Test
    void theRestOfApiStillNeedsTheContainersLogin(Quickstart quickstart) throws Exception {
        // the token endpoint's exemption is its exact path only: /api/* stays guarded by the container
        for (String path : new String[] {"/api/other", "/api/chat/token/x", "/api/chat/tokens", "/api/"}) {
            HttpResponse<String> anonymous = send(post(quickstart, path));

            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Basic").contains("ChatSDK quickstart"));
            assertThat(anonymous.body()).as(path).doesNotContain("UNAUTHENTICATED");
            // logged in, the container lets alice through to a plain 404
            assertThat(send(request(quickstart, path).GET().header("Authorization", basic("alice", "alice-password")))
                    .statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void homePageExplainsTheCurlCommandsForTheActualPort(Quickstart quickstart) throws Exception {
        HttpResponse<String> response = send(request(quickstart, "/").GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body())
                .contains("curl -s -u alice:alice-password -X POST http://127.0.0.1:" + quickstart.port() + TOKEN_PATH)
                .contains("bob:bob-password")
                .contains("/chatsdk/auth/tokens")
                .contains("X-API-Key")
                .doesNotContain("{{", "http://fonts", "https://cdn", "src=\"http", "href=\"http");
    }

    @Test
    void homePageTellsItsScriptWhoIsLoggedInAndTheModulesSettings(Quickstart quickstart) throws Exception {
        HttpResponse<String> anonymous = send(request(quickstart, "/").GET());
        HttpResponse<String> alice = send(request(quickstart, "/").GET().header("Authorization", basic("alice", "alice-password")));

        assertThat(anonymous.body()).contains("data-user=\"\"", "<form method=\"post\" action=\"j_security_check\">",
                "<script type=\"module\" src=\"page/app.js\"></script>", "data-token-path=\"/api/chat/token\"",
                "data-api-base=\"/chatsdk\"", "data-rotation-grace-ms=\"30000\"");
        assertThat(alice.body()).contains("data-user=\"alice\"");
        assertThat(anonymous.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'", "form-action 'self'"));
        assertThat(anonymous.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void servesThePagesScriptAndStyleFromTheJar(Quickstart quickstart) throws Exception {
        for (String asset : new String[] {"app.js", "token-manager.js"}) {
            HttpResponse<String> response = send(request(quickstart, "/page/" + asset).GET());
            assertThat(response.statusCode()).as(asset).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/javascript;charset=utf-8");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
        assertThat(send(request(quickstart, "/page/token-manager.js").GET()).body()).contains("export class TokenManager");
        assertThat(send(request(quickstart, "/page/style.css").GET()).headers().firstValue("Content-Type"))
                .hasValue("text/css;charset=utf-8");
        for (String missing : new String[] {"/page/", "/page/index.html", "/page/app.js.bak", "/page/x/app.js"}) {
            assertThat(send(request(quickstart, missing).GET()).statusCode()).as(missing).isEqualTo(404);
        }
    }

    @Test
    void formLoginKeepsAliceInASessionUntilSheLogsOutWhichEndsTheChatSessionOfThatLogin(Quickstart quickstart) throws Exception {
        HttpResponse<String> login = send(request(quickstart, "/j_security_check")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("j_username=alice&j_password=alice-password")));

        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location")).hasValue("/");
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("JSESSIONID=").contains("HttpOnly", "SameSite=Strict");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        HttpResponse<String> tokens = send(post(quickstart, TOKEN_PATH).header("Cookie", cookie));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        assertThat(JSON.readTree(tokens.body()).path("user").path("id").asText()).isEqualTo("alice");
        String chatSession = JSON.readTree(tokens.body()).path("refreshToken").asText();
        String otherLogin = JSON.readTree(send(post(quickstart, TOKEN_PATH)
                .header("Authorization", basic("alice", "alice-password"))).body()).path("refreshToken").asText();
        assertThat(send(request(quickstart, "/").GET().header("Cookie", cookie)).body()).contains("data-user=\"alice\"");
        // an Authorization header wins over the session, and leaves it alone (no renewal: it was a 500)
        HttpResponse<String> bob = send(post(quickstart, TOKEN_PATH).header("Cookie", cookie)
                .header("Authorization", basic("bob", "bob-password")));
        assertThat(bob.statusCode()).as(bob.body()).isEqualTo(403);
        assertThat(bob.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(send(post(quickstart, TOKEN_PATH).header("Cookie", cookie)).statusCode()).isEqualTo(200);

        // another origin (another port of this host is the same site for SameSite) cannot log alice out
        for (String[] header : new String[][] {{"Origin", "http://127.0.0.1:1"}, {"Origin", "null"}, {"Sec-Fetch-Site", "same-site"}}) {
            HttpResponse<String> crossOrigin = send(post(quickstart, "/logout").header("Cookie", cookie).header(header[0], header[1]));
            assertThat(crossOrigin.statusCode()).as(String.join(": ", header)).isEqualTo(403);
            assertThat(JSON.readTree(crossOrigin.body()).path("error").path("code").asText()).isEqualTo("CROSS_ORIGIN_LOGOUT");
        }
        assertThat(send(post(quickstart, TOKEN_PATH).header("Cookie", cookie)).statusCode()).isEqualTo(200);

        HttpResponse<String> logout = send(post(quickstart, "/logout").header("Cookie", cookie));
        assertThat(logout.statusCode()).isEqualTo(204);
        assertUnauthenticated("after logout", send(post(quickstart, TOKEN_PATH).header("Cookie", cookie)));
        // the logout revoked the chat session of that login, and no other
        HttpResponse<String> refused = send(post(quickstart, "/chatsdk/auth/refresh").header("Authorization", "Bearer " + chatSession));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        assertThat(JSON.readTree(refused.body()).path("error").path("code").asText()).isEqualTo("SESSION_REVOKED");
        assertThat(send(post(quickstart, "/chatsdk/auth/refresh").header("Authorization", "Bearer " + otherLogin)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aBasicHeaderThatIsNotBase64CountsAsNoCredentials(Quickstart quickstart) throws Exception {
        HttpResponse<String> api = send(post(quickstart, TOKEN_PATH).header("Authorization", "Basic !!!"));
        HttpResponse<String> page = send(request(quickstart, "/").GET().header("Authorization", "Basic !!!"));

        assertUnauthenticated("Basic !!!", api);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-user=\"\"");
    }

    @Test
    void aWrongFormPasswordReturnsToThePageWithoutALogin(Quickstart quickstart) throws Exception {
        HttpResponse<String> login = send(request(quickstart, "/j_security_check")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("j_username=alice&j_password=wrong")));

        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location")).hasValue("/?login=failed");
        assertThat(send(request(quickstart, "/?login=failed").GET()).body()).contains("data-user=\"\"");
    }

    @Test
    void onlyTheContextRootIsTheHomePage(Quickstart quickstart) throws Exception {
        assertThat(send(request(quickstart, "/no-such-page").GET()).statusCode()).isEqualTo(404);
    }

    private static void assertUnauthenticated(String what, HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(what + " " + response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("Location")).as(what).isEmpty();
        assertThat(response.headers().firstValue("Cache-Control")).as(what).hasValue("no-store");
        assertThat(response.headers().firstValue("WWW-Authenticate")).as(what).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic").contains("realm=\"ChatSDK quickstart\""));
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).as(what).isEqualTo("UNAUTHENTICATED");
        assertThat(error.path("message").asText()).as(what).isNotBlank();
        assertThat(error.path("suggestion").asText()).as(what).isNotBlank();
    }
}
