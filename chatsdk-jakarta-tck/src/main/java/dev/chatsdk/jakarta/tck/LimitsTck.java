package dev.chatsdk.jakarta.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpRequest;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * docs/http-api.md#request-bodies, #rate-limits: the session endpoints' input limits (body size, content type, JSON syntax, the field's type) and,
 * when the target declares it, the per-address rate limit with its 429, {@code Retry-After} and {@code X-RateLimit-*}.
 */
@Tag(TckTags.LIMITS)
public class LimitsTck extends TckHttp {
    private static Reply postJson(String path, String json) {
        return send(request(api(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    @Test
    void refusesAnOversizeBodyOnRefreshAndLogoutWith413() {
        String big = "{\"refreshToken\":\"" + "x".repeat(TckTarget.maxBodySize() + 1) + "\"}";

        assertError(postJson("/auth/refresh", big), 413, "PAYLOAD_TOO_LARGE");
        assertError(postJson("/auth/logout", big), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void refusesMalformedJsonOnRefreshAndLogoutWith400() {
        for (String path : new String[] {"/auth/refresh", "/tokens/refresh", "/auth/logout"}) {
            assertError(postJson(path, "{\"refreshToken\":"), 400, "MALFORMED_JSON");
            assertError(postJson(path, "{\"refreshToken\":\"a\"} trailing"), 400, "MALFORMED_JSON");
            assertError(postJson(path, "[\"a\"]"), 400, "MALFORMED_JSON");
        }
    }

    @Test
    void refusesANonStringRefreshTokenFieldWith400() {
        assertError(postJson("/auth/refresh", "{\"refreshToken\":42}"), 400, "INVALID_REQUEST");
        assertError(postJson("/auth/refresh", "{\"refreshToken\":{\"a\":1}}"), 400, "INVALID_REQUEST");
    }

    @Test
    void refusesAnOversizeIssueBodyWith413AndAWrongContentTypeWith415() {
        String key = apiKey();
        String big = "{\"userId\":\"u\",\"name\":\"" + "x".repeat(TckTarget.maxBodySize()) + "\"}";

        assertError(send(request(api("/auth/tokens")).header("X-API-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(big))), 413, "PAYLOAD_TOO_LARGE");
        for (String type : new String[] {"application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/json"}) {
            assertError(send(request(api("/auth/tokens")).header("X-API-Key", key).header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"u\"}"))), 415, "UNSUPPORTED_MEDIA_TYPE");
        }
    }

    @Test
    void answers429WithRetryAfterAndRateLimitHeadersPastTheAddressLimit() {
        int limit = declaredBudget("rate-limit-ip", "chatsdk.rate-limit.ip");
        String client = loopbackClient();

        Reply reply = null;
        int calls = 0;
        while (calls <= 2 * limit) {
            reply = send(request(api("/tokens/validate")).header("X-Forwarded-For", client).GET());
            calls++;
            if (reply.status() == 429) {
                break;
            }
            assertError(reply, 401, "INVALID_TOKEN");
        }
        // the bucket refills continuously, so a few more than the limit may pass; never fewer
        assertThat(calls).as("calls until the 429 from " + client).isGreaterThan(limit);
        assertError(reply, 429, "RATE_LIMITED");
        assertThat(Long.parseLong(reply.header("Retry-After"))).isPositive();
        assertThat(reply.json().get("error").get("retryAfter").asLong()).isPositive();
        assertThat(reply.json().get("error").get("retryable").asBoolean()).isTrue();
        assertThat(reply.header("X-RateLimit-Limit")).isEqualTo(String.valueOf(limit));
        assertThat(reply.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(reply.header("X-RateLimit-Reset")).isNotBlank();
        Reply kit = send(request(api("/tokens/validate")).GET());
        assertError(kit, 401, "INVALID_TOKEN");
    }

    @Test
    void countsOneClientBehindTheProxyOnceWhateverItPutsInFrontOrWhicheverPortItUses() {
        int limit = declaredBudget("rate-limit-ip", "chatsdk.rate-limit.ip");
        String client = loopbackClient();
        ThreadLocalRandom random = ThreadLocalRandom.current();

        Reply reply = null;
        int calls = 0;
        while (calls <= 2 * limit) {
            // what the client wrote itself comes first (a forged address, a header line of its own); the proxy's
            // entry, last, names the client, with a port that changes on every connection
            String forged = "198.51.100." + random.nextInt(1, 255);
            HttpRequest.Builder request = request(api("/tokens/validate")).GET();
            if (calls % 2 == 0) {
                request.header("X-Forwarded-For", forged + ", " + client + ":" + random.nextInt(1024, 65536));
            } else {
                request.header("X-Forwarded-For", forged).header("X-Forwarded-For", client);
            }
            reply = send(request);
            calls++;
            if (reply.status() == 429) {
                break;
            }
            assertError(reply, 401, "INVALID_TOKEN");
        }
        assertThat(calls).as("calls from " + client + " until one bucket ran out; a target that believed the forged "
                + "addresses or kept the ports gave each call a bucket of its own").isLessThanOrEqualTo(2 * limit);
        assertError(reply, 429, "RATE_LIMITED");
    }

    @Test
    void throttlesWrongApiKeysPerClientThenEveryKeyOfThatClient() {
        String key = apiKey();
        int budget = declaredBudget("failed-api-key", "chatsdk.rate-limit.failed-api-key");
        String guesser = loopbackClient();

        Reply reply = null;
        int calls = 0;
        while (calls <= 2 * budget) {
            reply = send(issue(guesser, calls % 2 == 0 ? "ck_guess_" + calls : null));
            calls++;
            if (reply.status() == 429) {
                break;
            }
            assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
        }
        assertThat(calls).as("wrong keys from " + guesser + " until the 429").isGreaterThan(budget);
        assertError(reply, 429, "RATE_LIMITED");
        assertThat(Long.parseLong(reply.header("Retry-After"))).isPositive();
        // while a client is throttled, the right key gets the same answer: a 200 would confirm a guess at full speed
        assertError(send(issue(guesser, key)), 429, "RATE_LIMITED");
        // and nobody else is
        assertThat(send(issue(null, key)).status()).isEqualTo(200);
    }

    /**
     * @param setting the kit setting that declares the target's rate ({@code N/period})
     * @param key     the module's key it mirrors
     * @return N, when the rate is declared, on, and reachable; the test is skipped otherwise, and when the target does
     *         not trust the kit as a proxy (the tests spend the budget of a client address of their own)
     */
    private static int declaredBudget(String setting, String key) {
        String declared = TckTarget.get(setting);
        assumeTrue(declared != null && !declared.equalsIgnoreCase("off"),
                "needs chatsdk.tck." + setting + " (the target's " + key + ", N/period)");
        assumeTrue(TckTarget.enabled("trusted-proxy"), "needs chatsdk.tck.trusted-proxy=true (the target trusts the kit's "
                + "address in chatsdk.web.trusted-proxies, so the test can use a client address of its own)");
        int budget = Integer.parseInt(declared.trim().split("/")[0]);
        assumeTrue(budget <= 5000, "the declared " + key + " of " + budget + " is more calls than the kit makes to reach it");
        return budget;
    }

    /** @return a random loopback address, for a client of the test's own behind the kit as trusted proxy */
    private static String loopbackClient() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "127." + random.nextInt(1, 255) + "." + random.nextInt(0, 256) + "." + random.nextInt(1, 255);
    }

    /** A token API issue for user {@code u}, from {@code client} (through the trusted proxy) with {@code key}. */
    private static HttpRequest.Builder issue(String client, String key) {
        HttpRequest.Builder request = request(api("/auth/tokens")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"u\"}"));
        if (client != null) {
            request.header("X-Forwarded-For", client);
        }
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return request;
    }
}
