package dev.chatsdk.jakarta.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** CONTRACT §1, §4: rotation with both credential forms, every alias, and the grace window. */
@Tag(TckTags.REFRESH)
public class RefreshTck extends TckHttp {
    private static String sid(JsonNode tokens) {
        return payload(tokens.get("accessToken").asText()).get("sid").asText();
    }

    @Test
    void rotatesIntoTheSameSessionOnEveryAliasWithBothCredentialForms() {
        JsonNode tokens = login();
        String sid = sid(tokens);
        String[] aliases = {"/auth/refresh", "/api/auth/refresh", "/tokens/refresh"};
        for (String alias : aliases) {
            Reply byHeader = refresh(api(alias), tokens.get("refreshToken").asText());
            assertThat(byHeader.status()).as(alias + " " + byHeader).isEqualTo(200);
            assertThat(byHeader.header("Cache-Control")).isEqualTo("no-store");
            assertThat(sid(byHeader.json())).isEqualTo(sid);
            Reply byBody = post(api(alias), "{\"refreshToken\":\"" + byHeader.json().get("refreshToken").asText() + "\"}");
            assertThat(byBody.status()).as(alias + " " + byBody).isEqualTo(200);
            assertThat(sid(byBody.json())).isEqualTo(sid);
            tokens = byBody.json();
        }
        assertThat(tokens.get("user").get("id").asText()).isEqualTo(allowedUserName());
    }

    @Test
    void takesAnImmediateSecondUseAsARetryWithinTheGrace() {
        JsonNode tokens = login();
        String first = tokens.get("refreshToken").asText();

        Reply rotated = refresh(api("/auth/refresh"), first);
        Reply retried = refresh(api("/auth/refresh"), first);

        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        assertThat(retried.status()).as("a second use at once is a retry within the default 30 s grace: " + retried)
                .isEqualTo(200);
        assertThat(sid(retried.json())).isEqualTo(sid(tokens));
    }

    @Test
    void refusesConflictingAndWrongTokens() {
        JsonNode tokens = login();

        assertError(send(request(api("/auth/refresh")).header("Authorization", "Bearer " + tokens.get("refreshToken").asText())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"refreshToken\":\"another\"}"))), 400, "CONFLICTING_REFRESH_TOKENS");
        assertError(refresh(api("/auth/refresh"), tokens.get("accessToken").asText()), 401, "INVALID_REFRESH_TOKEN");
        assertError(refresh(api("/auth/refresh"), tokens.get("wsToken").asText()), 401, "INVALID_REFRESH_TOKEN");
    }
}
