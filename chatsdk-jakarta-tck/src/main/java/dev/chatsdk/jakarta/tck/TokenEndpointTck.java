package dev.chatsdk.jakarta.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpRequest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** docs/http-api.md#the-token-endpoint, #the-token-response, #the-tokens: the app-facing endpoint, its superset response and the tokens' claims. */
@Tag(TckTags.CORE)
public class TokenEndpointTck extends TckHttp {
    @Test
    void answersTheAllowedUserWithTheSupersetResponse() {
        Reply reply = send(request(TckTarget.tokenPath()).header("Authorization", allowedUser())
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        JsonNode body = reply.json();
        assertThat(body.get("token").asText()).isNotBlank().isEqualTo(body.get("accessToken").asText());
        assertThat(body.get("refreshToken").asText()).isNotBlank();
        assertThat(body.get("wsToken").asText()).isNotBlank().isEqualTo(body.get("_internal").get("wsToken").asText());
        long expiresIn = body.get("expiresIn").asLong();
        assertThat(expiresIn).isPositive();
        long iat = payload(body.get("accessToken").asText()).get("iat").asLong();
        assertThat(body.get("expiresAt").asLong()).isEqualTo((iat + expiresIn) * 1000);
        assertThat(body.get("serverTime").asLong()).isBetween(iat * 1000, iat * 1000 + 999);
        JsonNode user = body.get("user");
        assertThat(user.get("id").asText()).isEqualTo(allowedUserName());
        for (String field : new String[] {"name", "displayName", "avatar", "image", "email", "custom", "metadata"}) {
            assertThat(user.has(field)).as("user." + field + " present (null when unknown)").isTrue();
        }
        assertThat(user.get("displayName")).isEqualTo(user.get("name"));
        assertThat(user.get("image")).isEqualTo(user.get("avatar"));
        assertThat(user.get("metadata")).isEqualTo(user.get("custom"));
    }

    @Test
    void answersGetLikePost() {
        Reply reply = send(request(TckTarget.tokenPath()).header("Authorization", allowedUser()).GET());

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().get("accessToken").asText()).isNotBlank();
    }

    @Test
    void refusesAnAnonymousCallerWithAJsonUnauthenticated() {
        Reply post = send(request(TckTarget.tokenPath()).POST(HttpRequest.BodyPublishers.noBody()));
        Reply get = send(request(TckTarget.tokenPath()).GET());

        assertError(post, 401, "UNAUTHENTICATED");
        assertError(get, 401, "UNAUTHENTICATED");
        assertThat(post.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void challengesAnAnonymousCallerForBasicWhenTheTargetOffersIt() {
        assumeTrue(TckTarget.enabled("basic-challenge"), "needs chatsdk.tck.basic-challenge=true (the target offers HTTP BASIC)");
        Reply reply = send(request(TckTarget.tokenPath()).POST(HttpRequest.BodyPublishers.noBody()));

        assertError(reply, 401, "UNAUTHENTICATED");
        assertThat(reply.header("WWW-Authenticate")).as("WWW-Authenticate").isNotNull().startsWithIgnoringCase("Basic ");
    }

    @Test
    void refusesABrowsersRememberedLoginSentByAnotherPage() {
        String login = allowedUser();
        assumeTrue(login.regionMatches(true, 0, "Basic ", 0, 6), "needs a BASIC login (a browser sends remembered BASIC "
                + "credentials with any page's request; a bearer token only a script adds)");
        Reply reply = send(request(TckTarget.tokenPath()).header("Authorization", login).header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertError(reply, 401, "UNAUTHENTICATED");
        assertThat(reply.response.body()).doesNotContain("refreshToken");
    }

    @Test
    void refusesWrongBasicCredentialsWithoutIssuing() {
        String user = allowedUserName();
        Reply reply = send(request(TckTarget.tokenPath()).header("Authorization", basic(user, "tck-wrong-password"))
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
        assertThat(reply.response.body()).doesNotContain("accessToken").doesNotContain("refreshToken");
    }

    @Test
    void putsNoStoreOnEveryTokenResponse() {
        Reply byPost = send(request(TckTarget.tokenPath()).header("Authorization", allowedUser())
                .POST(HttpRequest.BodyPublishers.noBody()));
        Reply byGet = send(request(TckTarget.tokenPath()).header("Authorization", allowedUser()).GET());
        Reply refreshed = refresh(api("/auth/refresh"), byPost.json().get("refreshToken").asText());

        for (Reply reply : new Reply[] {byPost, byGet, refreshed}) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(reply.header("Cache-Control")).as("Cache-Control of a token response").isEqualTo("no-store");
        }
    }

    @Test
    void answersHeadAndOptionsOnTheTokenPathAsOtherMethods() {
        Reply head = send(request(TckTarget.tokenPath()).header("Authorization", allowedUser())
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        Reply options = send(request(TckTarget.tokenPath()).header("Authorization", allowedUser())
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        assertThat(head.status()).as("HEAD issues no tokens: " + head).isEqualTo(405);
        assertThat(head.header("Allow")).isEqualTo("GET, POST");
        assertThat(head.response.body()).isEmpty();
        assertError(options, 405, "METHOD_NOT_ALLOWED");
        assertThat(options.header("Allow")).isEqualTo("GET, POST");
    }

    @Test
    void putsTheContractClaimsInTheAccessToken() {
        JsonNode body = login();
        JsonNode access = payload(body.get("accessToken").asText());
        JsonNode refresh = payload(body.get("refreshToken").asText());
        JsonNode ws = payload(body.get("wsToken").asText());

        assertThat(access.get("type").asText()).isEqualTo("access");
        assertThat(refresh.get("type").asText()).isEqualTo("refresh");
        assertThat(ws.has("type")).isFalse();
        assertThat(access.get("sub").asText()).isEqualTo(access.get("app_id").asText() + ":" + access.get("user_id").asText());
        assertThat(access.get("user_id").asText()).isEqualTo(allowedUserName());
        assertThat(access.get("sid").asText()).isNotBlank().isEqualTo(refresh.get("sid").asText())
                .isEqualTo(ws.get("sid").asText());
        assertThat(access.get("jti").asText()).isNotEqualTo(refresh.get("jti").asText());
        assertThat(access.get("scopes").isArray()).isTrue();
        // a verifier checking signature, issuer and audience must refuse the refresh token as an access token
        assertThat(refresh.get("aud")).as("the refresh token's audience").isNotEqualTo(access.get("aud"));
        assertThat(refresh.has("scopes")).as("scopes in the refresh token").isFalse();
        assertThat(access.get("nbf").asLong()).isEqualTo(access.get("iat").asLong());
        assertThat(access.get("exp").asLong()).isGreaterThan(access.get("iat").asLong());
        assertThat(refresh.get("exp").asLong()).isGreaterThan(access.get("exp").asLong());
        assertThat(ws.get("info").isObject()).isTrue();
    }

    @Test
    void signsWithTheSecretAndTheWsTokenWithTheWsSecretOnly() {
        String secret = TckTarget.get("secret");
        String wsSecret = TckTarget.get("ws-secret");
        assumeTrue(secret != null && wsSecret != null, "needs chatsdk.tck.secret and chatsdk.tck.ws-secret");
        assumeTrue("HS256".equals(TckTarget.algorithm()), "the target signs " + TckTarget.algorithm() + ", not HS256");
        JsonNode body = login();

        assertThat(signedWith(body.get("accessToken").asText(), secret)).isTrue();
        assertThat(signedWith(body.get("refreshToken").asText(), secret)).isTrue();
        assertThat(signedWith(body.get("wsToken").asText(), wsSecret)).isTrue();
        assertThat(signedWith(body.get("wsToken").asText(), secret)).isFalse();
        assertThat(signedWith(body.get("accessToken").asText(), wsSecret)).isFalse();
    }
}
