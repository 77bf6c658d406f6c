package dev.chatsdk.jakarta.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** CONTRACT §1, §5: methods, unknown paths, the error body and request ids. */
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
}
