package dev.chatsdk.jakarta.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpRequest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** docs/http-api.md#conventions, #errors: methods, unknown paths, the error body and request ids. */
@Tag(TckTags.ERRORS)
public class ErrorsTck extends TckHttp {
    @Test
    void refusesOtherMethodsOnTheTokenPathNamingTheAllowedOnes() {
        Reply reply = send(request(TckTarget.tokenPath()).header("Authorization", allowedUser())
                .PUT(HttpRequest.BodyPublishers.noBody()));

        assertError(reply, 405, "METHOD_NOT_ALLOWED");
        assertThat(reply.header("Allow")).isEqualTo("GET, POST");
    }

    @Test
    void answersUnknownPathsUnderTheApiBaseWithNotFound() {
        assertError(send(request(api("/no/such/endpoint")).GET()), 404, "NOT_FOUND");
        assertError(send(request(api("/auth/refresh")).GET()), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void tellsAHealthProbeWithoutAKeyOnlyTheStatusOfItsNamedChecks() {
        Reply reply = send(request(api("/health")).GET());
        assumeTrue(reply.status() != 404, "the deployment turned the health endpoint off (chatsdk.web.health-enabled)");

        assertThat(reply.status()).as(reply.toString()).isIn(200, 503);
        assertThat(reply.header("X-Content-Type-Options")).as(reply.toString()).isEqualTo("nosniff");
        JsonNode body = reply.json();
        assertThat(body.fieldNames()).toIterable().as(reply.toString()).containsExactlyInAnyOrder("status", "checks");
        assertThat(body.get("status").asText()).isEqualTo(reply.status() == 200 ? "UP" : "DOWN");
        assertThat(body.get("checks")).as(reply.toString()).isNotEmpty().allSatisfy(check ->
                assertThat(check.fieldNames()).toIterable().containsExactlyInAnyOrder("name", "status"));
    }

    @Test
    void echoesAWellFormedRequestIdAndReplacesOthers() {
        Reply kept = send(request(api("/no/such/endpoint")).header("X-Request-ID", "tck-req-1").GET());
        Reply replaced = send(request(api("/no/such/endpoint")).header("X-Request-ID", "<bad id>").GET());

        assertThat(kept.header("X-Request-ID")).isEqualTo("tck-req-1");
        assertThat(kept.json().get("error").get("requestId").asText()).isEqualTo("tck-req-1");
        assertThat(replaced.header("X-Request-ID")).isNotBlank().doesNotContain("<");
    }

    @Test
    void refusesARefreshWithoutAToken() {
        assertError(post(api("/auth/refresh"), null), 401, "MISSING_REFRESH_TOKEN");
        assertError(refresh(api("/auth/refresh"), "not.a.jwt"), 401, "INVALID_REFRESH_TOKEN");
    }

    @Test
    void answersUnknownPathsWithJsonNotFoundWhateverTheMethod() {
        for (String method : new String[] {"GET", "POST", "PUT", "DELETE"}) {
            Reply reply = send(request(api("/tck/unknown/" + method.toLowerCase(java.util.Locale.ROOT)))
                    .method(method, HttpRequest.BodyPublishers.noBody()));
            assertError(reply, 404, "NOT_FOUND");
        }
        assertError(send(request(api("/auth/refresh/extra")).POST(HttpRequest.BodyPublishers.noBody())), 404, "NOT_FOUND");
    }

    @Test
    void refusesWrongMethodsOnEveryApiEndpointNamingTheAllowedOne() {
        String[][] cases = {{"GET", "/auth/refresh", "POST"}, {"PUT", "/api/auth/refresh", "POST"},
                {"DELETE", "/tokens/refresh", "POST"}, {"GET", "/auth/logout", "POST"}, {"PATCH", "/auth/revoke", "POST"},
                {"GET", "/auth/tokens", "POST"}, {"DELETE", "/api/auth/connect", "POST"}, {"PUT", "/tokens", "POST"},
                {"POST", "/tokens/validate", "GET"}, {"PUT", "/tokens/validate-ws", "GET"},
                {"GET", "/api/users/tck-user/revoke-tokens", "POST"}};
        for (String[] c : cases) {
            Reply reply = send(request(api(c[1])).method(c[0], HttpRequest.BodyPublishers.noBody()));
            assertError(reply, 405, "METHOD_NOT_ALLOWED");
            assertThat(reply.header("Allow")).as(c[0] + " " + c[1]).isEqualTo(c[2]);
        }
    }

    @Test
    void generatesARequestIdWhenNoneOrAnOverlongOneIsSent() {
        Reply none = send(request(api("/no/such/endpoint")).GET());
        Reply overlong = send(request(api("/no/such/endpoint")).header("X-Request-ID", "r".repeat(65)).GET());

        for (Reply reply : new Reply[] {none, overlong}) {
            String id = reply.header("X-Request-ID");
            assertThat(id).as("generated X-Request-ID").isNotBlank().isNotEqualTo("r".repeat(65));
            assertThat(reply.json().get("error").get("requestId").asText()).isEqualTo(id);
        }
        assertThat(none.header("X-Request-ID")).isNotEqualTo(overlong.header("X-Request-ID"));
    }

    @Test
    void echoesTheRequestIdOnSuccessfulAnswersToo() {
        Reply reply = send(request(TckTarget.tokenPath()).header("Authorization", allowedUser())
                .header("X-Request-ID", "tck-ok-2").POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.header("X-Request-ID")).isEqualTo("tck-ok-2");
    }

    @Test
    void answersOptionsOutsideACorsPreflightWithMethodNotAllowed() {
        Reply reply = send(request(api("/auth/refresh")).method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        assertError(reply, 405, "METHOD_NOT_ALLOWED");
        assertThat(reply.header("Allow")).isEqualTo("POST");
    }
}
