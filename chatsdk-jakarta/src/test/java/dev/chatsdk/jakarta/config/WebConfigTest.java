package dev.chatsdk.jakarta.config;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.chatsdk.jakarta.config.ConfigFixture.SOURCE;
import static dev.chatsdk.jakarta.config.ConfigFixture.mp;
import static dev.chatsdk.jakarta.config.ConfigFixture.problems;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.MpConfigured;
import dev.chatsdk.jakarta.TestConfig;

/** The {@code chatsdk.web.*} keys ({@link WebConfig}): API keys, paths, the body timeout, the auth challenge, proxies and CORS. */
class WebConfigTest {
    private final TestConfig test = new TestConfig();

    private Map<String, String> valid(String... overrides) {
        return MpConfigured.properties(test, overrides);
    }

    @Test
    void rejectsAnApiKeyThatIsOrHoldsASigningSecret() {
        String retired = TestConfig.randomSecret();
        for (String[] c : new String[][] {{test.secret, "'chatsdk.local.secret'"},
            {test.wsSecret, "'chatsdk.local.ws-secret'"}, {retired + "-and-more", "'chatsdk.local.previous-keys'"}}) {
            List<String> problems = problems(valid(ChatSdkConfig.Keys.WEB_API_KEYS, c[0],
                    ChatSdkConfig.Keys.LOCAL_PREVIOUS_KEYS, "old=" + retired));

            assertThat(problems).as(c[1]).containsExactly("CHATSDK-012: 'chatsdk.web.api-keys' " + SOURCE + " has a key at "
                    + "position 1 that equals, contains or is part of a secret in " + c[1] + " " + SOURCE + ", so "
                    + "anyone holding the key could sign tokens; give the token API its own random key");
        }
    }

    @Test
    void refusesAcceptedApiKeysShorterThan32CharactersWithoutPrintingThem() {
        String shortKey = "x".repeat(31);
        List<String> problems = problems(valid(ChatSdkConfig.Keys.WEB_API_KEYS, test.apiKey + "," + shortKey));

        assertThat(problems).containsExactly("CHATSDK-043: 'chatsdk.web.api-keys' " + SOURCE + " has a key at position 2 "
                + "that is 31 characters long; the token API accepts only keys of at least 32 characters, e.g. the output "
                + "of 'openssl rand -base64 32'");
        assertThat(problems(valid(ChatSdkConfig.Keys.WEB_API_KEYS, "x"))).hasSize(1);
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.WEB_API_KEYS, "x".repeat(32)))).web().apiKeys()).hasSize(1);
        assertThat(ChatSdkConfig.from(mp(Map.of(ChatSdkConfig.Keys.API_URL, "https://chat.example.com",
                ChatSdkConfig.Keys.REMOTE_API_KEY, "k1"))).remote().apiKey()).as("the upstream's key is the upstream's to choose")
                .contains("k1");
    }

    @Test
    void rejectsAnEmptyApiKeyEntry() {
        assertThat(problems(valid(ChatSdkConfig.Keys.WEB_API_KEYS, test.apiKey + ",,"))).containsExactly(
                "CHATSDK-035: 'chatsdk.web.api-keys' " + SOURCE + " has an empty entry at position 2; remove the extra comma",
                "CHATSDK-035: 'chatsdk.web.api-keys' " + SOURCE + " has an empty entry at position 3; remove the extra comma");
    }

    @Test
    void boundsTheBodyTimeout() {
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.BODY_TIMEOUT, "3s"))).web().bodyTimeout())
                .isEqualTo(java.time.Duration.ofSeconds(3));
        assertThat(problems(valid(ChatSdkConfig.Keys.BODY_TIMEOUT, "0s"))).containsExactly("CHATSDK-021: "
                + "'chatsdk.web.body-timeout' " + SOURCE + " is PT0S; use a positive duration such as PT1H or 1h");
        assertThat(problems(valid(ChatSdkConfig.Keys.BODY_TIMEOUT, "6m"))).containsExactly("CHATSDK-023: "
                + "'chatsdk.web.body-timeout' " + SOURCE + " is PT6M, above its bound of PT5M because a client that "
                + "needs longer to send a few kilobytes holds a connection for nothing (the default is PT10S); use PT5M "
                + "or less");
    }

    @Test
    void rejectsPathsThatCannotBeMapped() {
        assertThat(problems(valid(ChatSdkConfig.Keys.TOKEN_PATH, "/api/*"))).containsExactly("CHATSDK-032: "
                + "'chatsdk.web.token-path' " + SOURCE + " is '/api/*'; use a path below the context root that "
                + "starts with '/' and has no wildcard, query or spaces, such as '/api/chat/token'");
        assertThat(problems(valid(ChatSdkConfig.Keys.TOKEN_PATH, "/chatsdk/token"))).containsExactly("CHATSDK-033: "
                + "'chatsdk.web.token-path' " + SOURCE + " ('/chatsdk/token') must not lie under 'chatsdk.web.api-base' "
                + "('/chatsdk'); choose a path outside it");
    }

    @Test
    void refusesPathsNoRequestCouldReach() {
        for (String[] c : new String[][] {{ChatSdkConfig.Keys.TOKEN_PATH, "/api/./chat/token"},
            {ChatSdkConfig.Keys.TOKEN_PATH, "/api/chat/../token"}, {ChatSdkConfig.Keys.API_BASE, "/chatsdk;v=1"},
            {ChatSdkConfig.Keys.API_BASE, "/x/.."}}) {
            assertThat(problems(valid(c[0], c[1]))).as(c[1]).containsExactly("CHATSDK-049: '" + c[0] + "' " + SOURCE
                    + " is '" + c[1] + "'; servers cut ';' parameters and resolve '.' and '..' segments before any "
                    + "request is matched, so no request could ever reach it; write the path as it resolves, without ';'");
        }
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.TOKEN_PATH, "/api/v1.2/chat..token"))).web().tokenPath())
                .isEqualTo("/api/v1.2/chat..token");
    }

    @Test
    void rejectsAnUnknownServletFilterMode() {
        assertThat(problems(valid(ChatSdkConfig.Keys.SERVLET_FILTER, "sometimes"))).containsExactly("CHATSDK-034: "
                + "'chatsdk.web.servlet-filter' " + SOURCE + " is 'sometimes'; use auto, always or never");
    }

    @Test
    void readsWhatTheEndOfAnHttpSessionRevokes() {
        assertThat(MpConfigured.sdk(valid()).config().web().logoutEnds()).isEqualTo(SessionEndRevokes.SESSIONS);
        assertThat(MpConfigured.sdk(valid()).config().web().expiryEnds()).isEqualTo(SessionEndRevokes.NONE);
        WebConfig web = MpConfigured.sdk(valid(ChatSdkConfig.Keys.LOGOUT_ENDS, "User", ChatSdkConfig.Keys.EXPIRY_ENDS,
                " sessions ")).config().web();
        assertThat(web.logoutEnds()).isEqualTo(SessionEndRevokes.USER);
        assertThat(web.expiryEnds()).isEqualTo(SessionEndRevokes.SESSIONS);
    }

    @Test
    void rejectsAnUnknownRevocationOnTheEndOfAnHttpSession() {
        assertThat(problems(valid(ChatSdkConfig.Keys.LOGOUT_ENDS, "all", ChatSdkConfig.Keys.EXPIRY_ENDS, "session")))
                .containsExactly("CHATSDK-055: 'chatsdk.web.logout-ends' " + SOURCE + " is 'all'; use sessions, user or none",
                        "CHATSDK-055: 'chatsdk.web.expiry-ends' " + SOURCE + " is 'session'; use sessions, user or none");
    }

    @Test
    void rejectsAHealthSwitchThatIsNotABoolean() {
        assertThat(problems(valid(ChatSdkConfig.Keys.HEALTH_ENABLED, "yes"))).containsExactly(
                "CHATSDK-025: 'chatsdk.web.health-enabled' " + SOURCE + " is 'yes'; use true or false");
        assertThat(problems(valid(ChatSdkConfig.Keys.HEALTH_DETAILS, "on"))).containsExactly(
                "CHATSDK-025: 'chatsdk.web.health-details' " + SOURCE + " is 'on'; use true or false");
    }

    @Test
    void takesAnAuthChallengeOnOneLineOfPrintableAsciiOnly() {
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.AUTH_CHALLENGE, null))).web().authChallenge()).isEmpty();
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.AUTH_CHALLENGE, " Basic realm=\"app\" ")))
                .web().authChallenge()).contains("Basic realm=\"app\"");
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.AUTH_CHALLENGE, "Bearer"))).web().authChallenge())
                .contains("Bearer");
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.AUTH_CHALLENGE,
                "Basic realm=\"ChatSDK quickstart\", charset=\"UTF-8\""))).web().authChallenge()).isPresent();
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.AUTH_CHALLENGE, "Negotiate abc+/=="))).web().authChallenge())
                .isPresent();
        for (String bad : new String[] {"Basic realm=\"a\"\r\nSet-Cookie: x=y", "realm=\"app\"", "Basic réalm=\"app\"",
                "Basic " + "x".repeat(1100), "Basic realm=\"a", "x y z", "Basic realm=a b", "Basic realm=\"a\";x=y"}) {
            assertThat(problems(valid(ChatSdkConfig.Keys.AUTH_CHALLENGE, bad))).as(bad).containsExactly("CHATSDK-039: "
                    + "'chatsdk.web.auth-challenge' " + SOURCE + " is not a WWW-Authenticate challenge; give an auth "
                    + "scheme and its parameters in printable ASCII on one line, such as Basic realm=\"app\"");
        }
    }

    @Test
    void readsTheForwardedHeaderAndRefusesAnythingElse() {
        assertThat(ChatSdkConfig.from(mp(valid())).web().proxies().forwardedHeader()).isEqualTo(ForwardedHeader.X_FORWARDED_FOR);
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.FORWARDED_HEADER, "Forwarded"))).web().proxies().forwardedHeader())
                .isEqualTo(ForwardedHeader.FORWARDED);
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.FORWARDED_HEADER, "none"))).web().proxies().forwardedHeader())
                .isEqualTo(ForwardedHeader.NONE);
        assertThat(problems(valid(ChatSdkConfig.Keys.FORWARDED_HEADER, "x-real-ip"))).containsExactly("CHATSDK-041: "
                + "'chatsdk.web.forwarded-header' " + SOURCE + " is 'x-real-ip'; use x-forwarded-for, forwarded or none");
    }

    @Test
    void refusesTrustedProxiesThatCanNeverMatch() {
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.TRUSTED_PROXIES, "10.0.0.5, 10.0.0.0/8, fd00::/8")))
                .web().proxies().trusted()).containsExactlyInAnyOrder("10.0.0.5", "10.0.0.0/8", "fd00::/8");
        assertThat(problems(valid(ChatSdkConfig.Keys.TRUSTED_PROXIES, "10.0.0.5,proxy.internal,10.0.0.0/40")))
                .containsExactlyInAnyOrder("CHATSDK-042: 'chatsdk.web.trusted-proxies' " + SOURCE + " has "
                        + "'proxy.internal', which is neither an IP address nor a CIDR range and so can never match a "
                        + "proxy; list the proxies' addresses (10.0.0.5, 2001:db8::5) or ranges (10.0.0.0/8, fd00::/8), "
                        + "host names are not resolved", "CHATSDK-042: 'chatsdk.web.trusted-proxies' " + SOURCE + " has "
                        + "'10.0.0.0/40', which is neither an IP address nor a CIDR range and so can never match a "
                        + "proxy; list the proxies' addresses (10.0.0.5, 2001:db8::5) or ranges (10.0.0.0/8, fd00::/8), "
                        + "host names are not resolved");
    }

    @Test
    void refusesTrustedProxyRangesSoWideThatAnyoneCouldForgeTheClientAddress() {
        for (String[] wide : new String[][] {{"0.0.0.0/0", "8"}, {"::/0", "16"}, {"128.0.0.0/1", "8"},
            {"10.0.0.0/7", "8"}, {"2000::/3", "16"}, {"2001:db8::/15", "16"}, {"fc00::/7", "8"}, {"::ffff:0:0/0", "8"}}) {
            assertThat(problems(valid(ChatSdkConfig.Keys.TRUSTED_PROXIES, "10.0.0.5, " + wide[0]))).as(wide[0])
                    .containsExactly("CHATSDK-045: 'chatsdk.web.trusted-proxies' " + SOURCE + " has '" + wide[0] + "', a "
                            + "range wider than /" + wide[1] + ", which holds addresses that are no proxy of yours: any "
                            + "of them could forge the client address; list your proxies' own addresses or network (such "
                            + "as 10.0.0.0/8 or fd00::/8)");
        }
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.TRUSTED_PROXIES,
                "10.0.0.0/8, 172.16.0.0/12, fd00::/8, 2a06:98c0::/29, 2001::/16, 127.0.0.1, ::1"))).web().proxies().trusted())
                .hasSize(7);
    }

    @Test
    void refusesATrustedProxyAddressWrittenWithAPrefixNamingTheNetwork() {
        assertThat(problems(valid(ChatSdkConfig.Keys.TRUSTED_PROXIES, "10.0.0.5/8, 2001:db8::1/32, 192.168.1.130/25")))
                .containsExactlyInAnyOrder(
                        "CHATSDK-046: 'chatsdk.web.trusted-proxies' " + SOURCE + " has '10.0.0.5/8', an address with a "
                                + "prefix; write the network '10.0.0.0/8', or the address alone",
                        "CHATSDK-046: 'chatsdk.web.trusted-proxies' " + SOURCE + " has '2001:db8::1/32', an address with "
                                + "a prefix; write the network '2001:db8::/32', or the address alone",
                        "CHATSDK-046: 'chatsdk.web.trusted-proxies' " + SOURCE + " has '192.168.1.130/25', an address "
                                + "with a prefix; write the network '192.168.1.128/25', or the address alone");
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.TRUSTED_PROXIES, "10.0.0.5/32, 192.168.1.128/25")))
                .web().proxies().trusted()).hasSize(2);
    }

    @Test
    void refusesCorsOriginsNoBrowserSendsNamingTheOriginToWrite() {
        String[][] cases = {
            {"https://app.example.com/", "an origin has no path, not even '/'", "https://app.example.com"},
            {"https://app.example.com/app", "an origin has no path, not even '/'", "https://app.example.com"},
            {"https://user:pw@app.example.com", "browsers never send credentials in an origin", "https://app.example.com"},
            {"https://app.example.com?x=1", "an origin has no query or fragment", "https://app.example.com"},
            {"https://app.example.com#top", "an origin has no query or fragment", "https://app.example.com"},
            {"https://app.example.com:443", "browsers leave the default port out", "https://app.example.com"},
            {"http://app.example.com:80", "browsers leave the default port out", "http://app.example.com"},
            {"HTTPS://App.Example.com:8443", "browsers write the scheme and host in lower case", "https://app.example.com:8443"},
            {"https://app.example.com:08443", "it is not an origin as browsers write it (ASCII host, punycode for "
                    + "international names, port 1 to 65535 without leading zeros)", "https://app.example.com:8443"}};
        for (String[] c : cases) {
            List<String> problems = problems(valid(ChatSdkConfig.Keys.CORS_ALLOWED_ORIGINS, c[0]));
            assertThat(problems).as(c[0]).containsExactly("CHATSDK-047: 'chatsdk.web.cors.allowed-origins' " + SOURCE
                    + " has '" + RedactedUrlOf.of(c[0]) + "', which no browser sends as its Origin (" + c[1] + "); write '"
                    + c[2] + "'");
        }
        assertThat(String.join("\n", problems(valid(ChatSdkConfig.Keys.CORS_ALLOWED_ORIGINS,
                "https://user:pw@app.example.com")))).doesNotContain("pw");
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.CORS_ALLOWED_ORIGINS,
                "https://app.example.com, http://localhost:3000, https://[::1]:8443, https://xn--bcher-kva.example")))
                .web().cors().allowedOrigins()).hasSize(4);
    }

    @Test
    void refusesCorsOriginsThatCannotBeMadeExact() {
        String[][] cases = {{"*", "a wildcard is never an origin: list each origin"},
            {"https://*.example.com", "a wildcard is never an origin: list each origin"},
            {"null", "it is not an http or https origin"}, {"app.example.com", "it is not an http or https origin"},
            {"ftp://files.example.com", "it is not an http or https origin"},
            {"chrome-extension://abcdef", "it is not an http or https origin"},
            {"https://bücher.example", "it is not an http or https origin"},
            {"https://app.example.com:99999", "it is not an origin as browsers write it (ASCII host, punycode for "
                    + "international names, port 1 to 65535 without leading zeros)"}};
        for (String[] c : cases) {
            assertThat(problems(valid(ChatSdkConfig.Keys.CORS_ALLOWED_ORIGINS, c[0]))).as(c[0]).containsExactly(
                    "CHATSDK-038: 'chatsdk.web.cors.allowed-origins' " + SOURCE + " has '" + c[0] + "' (" + c[1] + "); "
                            + "list exact origins such as https://app.example.com (scheme, host and port, no path, no "
                            + "wildcard)");
        }
    }

    /** What configuration messages print for a URL (credentials, query and fragment withheld). */
    private static final class RedactedUrlOf {
        static String of(String url) {
            return dev.chatsdk.jakarta.remote.RedactedUrl.of(url);
        }
    }
}
