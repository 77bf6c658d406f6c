package dev.chatsdk.jakarta.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpRequest;
import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** docs/http-api.md#refresh: rotation with both credential forms, every alias, and the grace window. */
@Tag(TckTags.REFRESH)
public class RefreshTck extends TckHttp {
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(10);

    /** @return the declared grace, or skip the test when none is declared or it is too long to wait past */
    private static Duration grace() {
        Duration grace = TckTarget.rotationGrace();
        assumeTrue(grace != null, "needs chatsdk.tck.rotation-grace (the target's chatsdk.session.rotation-grace), "
                + "at most " + LONGEST_WAIT.getSeconds() + " s");
        assumeTrue(grace.compareTo(LONGEST_WAIT) <= 0, "the target's rotation grace " + grace + " is longer than the "
                + LONGEST_WAIT.getSeconds() + " s the kit waits");
        return grace;
    }

    /** Waits until the grace has passed for a token spent no later than {@code spentBy} (nanoTime), with a margin. */
    private static void waitPast(Duration grace, long spentBy) {
        long until = spentBy + grace.plusMillis(1500).toNanos();
        try {
            for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
                Thread.sleep(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
    void refusesTwoAuthorizationHeadersAndLeavesTheSessionAsItWas() {
        // servers differ in which of two lines a header read returns, and a proxy in front may read the other
        JsonNode tokens = login();
        String bearer = "Bearer " + tokens.get("refreshToken").asText();
        Reply twice = send(request(api("/auth/refresh")).header("Authorization", bearer).header("Authorization", bearer)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertError(twice, 400, "INVALID_REQUEST");

        Reply after = refresh(api("/auth/refresh"), tokens.get("refreshToken").asText());
        assertThat(after.status()).as("the refusal neither spent the token nor ended the session: " + after)
                .isEqualTo(200);
        assertThat(sid(after.json())).isEqualTo(sid(tokens));
    }

    /**
     * One token, one spelling: a signature whose last base64url character carries set bits beyond the last byte decodes
     * to the same bytes, so a lenient decoder accepts it; the token is refused, and the real one still rotates.
     */
    @Test
    void refusesTheSignatureSpelledAnotherWayAndLeavesTheSessionAsItWas() {
        JsonNode tokens = login();
        String token = tokens.get("refreshToken").asText();
        int unused = (token.length() - token.lastIndexOf('.') - 1) % 4;
        assumeTrue(unused == 2 || unused == 3, "the target's refresh token signature has no unused bits to set");
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(token.charAt(token.length() - 1));
        String respelled = token.substring(0, token.length() - 1) + alphabet.charAt(last ^ 1);

        assertError(post(api("/auth/refresh"), "{\"refreshToken\":\"" + respelled + "\"}"), 401, "INVALID_REFRESH_TOKEN");

        Reply after = refresh(api("/auth/refresh"), token);
        assertThat(after.status()).as("the refusal neither spent the token nor ended the session: " + after)
                .isEqualTo(200);
        assertThat(sid(after.json())).isEqualTo(sid(tokens));
    }

    @Test
    void takesAnImmediateSecondUseAsARetryWithinTheGrace() {
        Duration grace = TckTarget.rotationGrace() == null ? Duration.ofSeconds(30) : TckTarget.rotationGrace();
        assumeTrue(!grace.isZero(), "the target declares a rotation grace of 0: every second use is reuse");
        JsonNode tokens = login();
        String first = tokens.get("refreshToken").asText();

        long spending = System.nanoTime();
        Reply rotated = refresh(api("/auth/refresh"), first);
        Reply retried = refresh(api("/auth/refresh"), first);
        assumeTrue(System.nanoTime() - spending < grace.toNanos(), "the retry could not be sent within the " + grace + " grace");

        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        assertThat(retried.status()).as("a second use at once is a retry within the grace: " + retried)
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

    @Test
    void refusesAForkAfterTheGraceAndRevokesTheSession() {
        Duration grace = grace();
        assumeTrue(!grace.isZero(), "needs a rotation grace above 0 (a retry within it makes the fork)");
        JsonNode tokens = login();
        String r0 = text(tokens, "refreshToken");

        long spending = System.nanoTime();
        Reply r1 = refresh(api("/auth/refresh"), r0);
        Reply r1Retry = refresh(api("/auth/refresh"), r0);
        assumeTrue(System.nanoTime() - spending < grace.toNanos(), "the retry could not be sent within the "
                + grace + " grace");
        assertThat(r1.status()).as(r1.toString()).isEqualTo(200);
        assertThat(r1Retry.status()).as("R0 again within the grace is a retry: " + r1Retry).isEqualTo(200);
        assertThat(sid(r1Retry.json())).isEqualTo(sid(tokens));
        Reply r2 = refresh(api("/auth/refresh"), text(r1.json(), "refreshToken"));
        long r1Spent = System.nanoTime();
        assertThat(r2.status()).as(r2.toString()).isEqualTo(200);

        waitPast(grace, r1Spent);
        assertError(refresh(api("/auth/refresh"), text(r1Retry.json(), "refreshToken")), 401, "REFRESH_TOKEN_REUSED");
        assertError(refresh(api("/auth/refresh"), text(r2.json(), "refreshToken")), 401, "SESSION_REVOKED");
    }

    @Test
    void revokesTheSessionWhenASpentTokenComesBackAfterTheGrace() {
        Duration grace = grace();
        JsonNode tokens = login();
        String r0 = text(tokens, "refreshToken");

        Reply r1 = refresh(api("/auth/refresh"), r0);
        long spent = System.nanoTime();
        assertThat(r1.status()).as(r1.toString()).isEqualTo(200);
        waitPast(grace, spent);

        assertError(refresh(api("/auth/refresh"), r0), 401, "REFRESH_TOKEN_REUSED");
        assertError(refresh(api("/auth/refresh"), text(r1.json(), "refreshToken")), 401, "SESSION_REVOKED");
        assertError(validate("/tokens/validate", text(r1.json(), "accessToken")), 401, "SESSION_REVOKED");
    }

    @Test
    void keepsTheSessionsProfileAcrossRotations() {
        JsonNode tokens = login();
        Reply rotated = refresh(api("/api/auth/refresh"), text(tokens, "refreshToken"));

        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        JsonNode body = rotated.json();
        assertThat(body.get("user")).isEqualTo(tokens.get("user"));
        assertThat(text(body, "refreshToken")).isNotEqualTo(text(tokens, "refreshToken"));
        assertThat(text(body, "token")).isEqualTo(text(body, "accessToken")).isNotEqualTo(text(tokens, "accessToken"));
        assertThat(text(body, "wsToken")).isEqualTo(body.get("_internal").get("wsToken").asText());
        JsonNode access = payload(text(body, "accessToken"));
        assertThat(access.get("user_id").asText()).isEqualTo(allowedUserName());
        assertThat(access.get("jti").asText()).isNotEqualTo(payload(text(tokens, "accessToken")).get("jti").asText());
        assertThat(body.get("expiresAt").asLong()).isEqualTo((access.get("iat").asLong() + body.get("expiresIn").asLong()) * 1000);
    }
}
