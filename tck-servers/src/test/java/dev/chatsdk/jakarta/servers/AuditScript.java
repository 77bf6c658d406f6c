package dev.chatsdk.jakarta.servers;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.chatsdk.testsupport.Http.basic;
import static dev.chatsdk.testsupport.Http.field;
import static dev.chatsdk.testsupport.Http.get;
import static dev.chatsdk.testsupport.Http.post;
import static dev.chatsdk.testsupport.Http.send;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Drives a deployed example through login, refresh, logout, a refresh of the ended session and a 403 by role, then
 * reads the example's audit page ({@code /admin/chat-events}, staff only) and checks that the application's listener
 * or observer saw each step, with the client address and without a token.
 */
final class AuditScript {
    private AuditScript() {
    }

    /** @return the {@code sid} claim of a JWT (read, not verified: the test only needs to recognise it) */
    private static String sid(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return field(payload, "sid");
    }

    static void run(String baseUrl) throws IOException, InterruptedException {
        List<String> tokens = new ArrayList<>();
        HttpResponse<String> login = post(baseUrl + "/api/chat/token", basic(KitTarget.USER, KitTarget.PASSWORD));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String refresh = field(login.body(), "refreshToken");
        String sid = sid(field(login.body(), "accessToken"));
        tokens.addAll(Arrays.asList(field(login.body(), "accessToken"), refresh, field(login.body(), "wsToken")));

        HttpResponse<String> refreshed = post(baseUrl + "/chatsdk/auth/refresh", "Bearer " + refresh);
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        String next = field(refreshed.body(), "refreshToken");
        tokens.addAll(Arrays.asList(field(refreshed.body(), "accessToken"), next, field(refreshed.body(), "wsToken")));
        assertThat(post(baseUrl + "/chatsdk/auth/logout", "Bearer " + next).body()).contains("\"revoked\":true");
        assertThat(post(baseUrl + "/chatsdk/auth/refresh", "Bearer " + next).statusCode()).isEqualTo(401);
        assertThat(post(baseUrl + "/api/chat/token", basic(KitTarget.DENIED_USER, KitTarget.DENIED_PASSWORD))
                .statusCode()).isEqualTo(403);

        // the token endpoint is left to the module (JSON 401 for the anonymous); the staff page is still the container's
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(baseUrl + "/admin/chat-events")).GET());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("UNAUTHENTICATED");
        assertThat(get(baseUrl + "/admin/chat-events", basic(KitTarget.USER, KitTarget.PASSWORD)).statusCode())
                .isEqualTo(403);
        HttpResponse<String> page = get(baseUrl + "/admin/chat-events",
                basic(KitTarget.DENIED_USER, KitTarget.DENIED_PASSWORD));
        assertThat(page.statusCode()).isEqualTo(200);
        List<String> events = Arrays.asList(page.body().split("\n"));
        String who = "userId=" + KitTarget.USER + ", sessionId=" + sid + ", clientIp=127.0.0.1";
        assertThat(events).anySatisfy(e -> assertThat(e).startsWith("TokenIssued[").contains(who));
        assertThat(events).anySatisfy(e -> assertThat(e).startsWith("TokenRefreshed[").contains(who + ", retry=false"));
        assertThat(events).anySatisfy(e -> assertThat(e).startsWith("SessionRevoked[")
                .contains(who + ", cause=LOGOUT, sessions=1"));
        assertThat(events).anySatisfy(e -> assertThat(e).startsWith("RequestRejected[")
                .contains("clientIp=127.0.0.1, endpoint=refresh, code=SESSION_REVOKED"));
        assertThat(events).anySatisfy(e -> assertThat(e).startsWith("AccessDenied[").contains("userId="
                + KitTarget.DENIED_USER + ", sessionId=null, clientIp=127.0.0.1, endpoint=token, code=NO_CHAT_ACCESS"));
        for (String token : tokens) {
            assertThat(page.body()).doesNotContain(token);
        }
        assertThat(page.body()).doesNotContain("eyJ").doesNotContain(KitTarget.SECRET).doesNotContain(KitTarget.API_KEY);
    }
}
