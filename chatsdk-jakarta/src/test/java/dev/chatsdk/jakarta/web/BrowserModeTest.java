package dev.chatsdk.jakarta.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.config.TokenConfig;
import dev.chatsdk.jakarta.config.WebConfig;

/** Every decision of browser mode, one request at a time: which page may use the refresh cookie, and CORS. */
class BrowserModeTest {
    private static final String APP = "https://app.example.com";
    private static final String OTHER_ALLOWED = "http://localhost:3000";
    private static final String HOST = "chat.example.com";
    private static final String OWN = "https://" + HOST;
    private static final String TOKEN = "ey.refresh.token";
    private static final String COOKIE = "theme=dark; __Host-chatsdk-refresh=" + TOKEN + "; lang=en";
    private static final String CROSS_SITE = "The refresh cookie came with a request from another site, which is not "
            + "allowed to use it.";

    private final TestConfig test = new TestConfig();
    private final BrowserMode cookies = new BrowserMode(test.builder().set(WebConfig.REFRESH_COOKIE, true)
            .set(TokenConfig.REFRESH_TTL, Duration.ofDays(2))
            .set(WebConfig.Cors.ALLOWED_ORIGINS, List.copyOf(Set.of(APP, OTHER_ALLOWED))).build());
    private final BrowserMode bodies = new BrowserMode(test.builder()
            .set(WebConfig.Cors.ALLOWED_ORIGINS, List.copyOf(Set.of(APP))).build());

    private static FakeRequest refresh(String... headers) {
        FakeRequest request = new FakeRequest("POST", "/chatsdk/auth/refresh").header("Host", HOST)
                .header("Cookie", COOKIE);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request;
    }

    private void refused(FakeRequest request) {
        assertThatThrownBy(() -> cookies.cookieToken(request)).isInstanceOfSatisfying(ChatSdkException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REFRESH_TOKEN)).hasMessage(CROSS_SITE);
    }

    @Test
    void setsAndClearsAHostOnlyHttpOnlyStrictCookieLivingAsLongAsTheRefreshToken() {
        assertThat(cookies.cookies()).isTrue();
        assertThat(bodies.cookies()).isFalse();
        assertThat(cookies.setCookie("abc")).isEqualTo("__Host-chatsdk-refresh=abc; Path=/; Max-Age=172800; Secure; "
                + "HttpOnly; SameSite=Strict");
        assertThat(cookies.clearCookie()).isEqualTo("__Host-chatsdk-refresh=; Path=/; Max-Age=0; Secure; HttpOnly; "
                + "SameSite=Strict");
    }

    @Test
    void readsTheCookieOnlyInBrowserMode() {
        assertThat(bodies.cookieToken(refresh("Sec-Fetch-Site", "same-origin"))).isNull();
        assertThat(cookies.cookieToken(refresh("Sec-Fetch-Site", "same-origin"))).isEqualTo(TOKEN);
    }

    @Test
    void findsNoTokenWithoutItsCookieOrWithAnEmptyOne() {
        FakeRequest none = new FakeRequest("POST", "/chatsdk/auth/refresh").header("Origin", "https://evil.example");
        assertThat(cookies.cookieToken(none)).as("no Cookie header: nothing to guard").isNull();
        assertThat(cookies.cookieToken(refresh("Cookie", "theme=dark; __Host-chatsdk-refresh-old=x"))).isNull();
        assertThat(cookies.cookieToken(refresh("Cookie", "__Host-chatsdk-refresh="))).isNull();
        assertThat(cookies.cookieToken(refresh("Cookie", " __Host-chatsdk-refresh=abc ;x=y"))).isEqualTo("abc");
    }

    @Test
    void takesTheBrowsersSecFetchSiteVerdictFirst() {
        assertThat(cookies.cookieToken(refresh("Sec-Fetch-Site", "same-origin"))).isEqualTo(TOKEN);
        assertThat(cookies.cookieToken(refresh("Sec-Fetch-Site", "same-origin", "Origin", OWN))).isEqualTo(TOKEN);
        assertThat(cookies.cookieToken(refresh("Sec-Fetch-Site", "same-site", "Origin", APP))).isEqualTo(TOKEN);
        assertThat(cookies.cookieToken(refresh("Sec-Fetch-Site", "cross-site", "Origin", OTHER_ALLOWED))).isEqualTo(TOKEN);
        refused(refresh("Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"));
        refused(refresh("Sec-Fetch-Site", "cross-site"));
        refused(refresh("Sec-Fetch-Site", "same-site", "Origin", "https://sub.chat.example.com"));
        refused(refresh("Sec-Fetch-Site", "none"));
        refused(refresh("Sec-Fetch-Site", "Same-Origin"));
        // the browser's verdict counts all redirects, so its own origin in Origin does not overrule a cross-site one
        refused(refresh("Sec-Fetch-Site", "cross-site", "Origin", OWN));
    }

    @Test
    void letsTheOriginDecideWithoutSecFetchSite() {
        assertThat(cookies.cookieToken(refresh())).as("neither header: no browser's cross-site request").isEqualTo(TOKEN);
        assertThat(cookies.cookieToken(refresh("Origin", OWN))).as("its own origin").isEqualTo(TOKEN);
        assertThat(cookies.cookieToken(refresh("Origin", APP))).as("an allowed origin").isEqualTo(TOKEN);
        assertThat(cookies.cookieToken(refresh("Origin", OTHER_ALLOWED))).isEqualTo(TOKEN);
        refused(refresh("Origin", "https://evil.example"));
        refused(refresh("Origin", "https://chat.example.com.evil.example"));
        refused(refresh("Origin", "https://sub.chat.example.com"));
        refused(refresh("Origin", "http://" + HOST));
    }

    @Test
    void refusesOriginNullWhichSandboxedFramesAndCrossOriginRedirectsSend() {
        refused(refresh("Origin", "null"));
        refused(refresh("Origin", "null", "Host", "null"));
    }

    @Test
    void comparesTheOriginWithTheHostTheBrowserAddressedOverHttps() {
        assertThat(cookies.cookieToken(refresh("Origin", OWN, "Host", "Chat.Example.com:443"))).isEqualTo(TOKEN);
        assertThat(cookies.cookieToken(refresh("Origin", "https://127.0.0.1:8443", "Host", "127.0.0.1:8443")))
                .isEqualTo(TOKEN);
        assertThat(cookies.cookieToken(refresh("Origin", "https://[::1]:8443", "Host", "[::1]:8443"))).isEqualTo(TOKEN);
        refused(refresh("Origin", "https://127.0.0.1:8443", "Host", "127.0.0.1:9443"));
        refused(refresh("Origin", OWN, "Host", "other.example.com"));
        FakeRequest noHost = new FakeRequest("POST", "/chatsdk/auth/refresh").header("Cookie", COOKIE)
                .header("Origin", OWN);
        refused(noHost);
        refused(refresh("Origin", "https://", "Host", ""));
        refused(refresh("Origin", "https://evil.example/x", "Host", "evil.example/x"));
    }

    @Test
    void answersPreflightsWithCorsHeadersForAllowedOriginsOnly() {
        ChatResponse allowed = cookies.preflight(new FakeRequest("OPTIONS", "/chatsdk/auth/refresh").header("Origin", APP)
                .header("Access-Control-Request-Method", "POST"), "r-1");
        assertThat(allowed.status()).isEqualTo(204);
        assertThat(allowed.body()).isEmpty();
        assertThat(allowed.headers()).containsEntry("Access-Control-Allow-Origin", APP)
                .containsEntry("Access-Control-Allow-Methods", "GET, POST")
                .containsEntry("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Request-ID")
                .containsEntry("Access-Control-Max-Age", "600").containsEntry("Access-Control-Allow-Credentials", "true")
                .containsEntry("Vary", "Origin").containsEntry("X-Request-ID", "r-1");

        ChatResponse other = cookies.preflight(new FakeRequest("OPTIONS", "/chatsdk/auth/refresh")
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST"), "r-2");
        assertThat(other.status()).isEqualTo(204);
        assertThat(other.headers()).containsEntry("Vary", "Origin").doesNotContainKeys("Access-Control-Allow-Origin",
                "Access-Control-Allow-Methods", "Access-Control-Allow-Headers", "Access-Control-Max-Age",
                "Access-Control-Allow-Credentials");

        assertThat(cookies.preflight(new FakeRequest("OPTIONS", "/chatsdk/auth/refresh").header("Origin", APP), "r-3"))
                .as("OPTIONS without Access-Control-Request-Method is no preflight").isNull();
        assertThat(cookies.preflight(new FakeRequest("POST", "/chatsdk/auth/refresh").header("Origin", APP)
                .header("Access-Control-Request-Method", "POST"), "r-4")).isNull();
    }

    @Test
    void putsCorsHeadersOnAnAllowedOriginsRequestsCredentialsOnlyInBrowserMode() {
        assertThat(cookies.cors(refresh("Origin", APP))).containsExactly(Map.entry("Access-Control-Allow-Origin", APP),
                Map.entry("Vary", "Origin"), Map.entry("Access-Control-Expose-Headers", "X-Request-ID, Retry-After, "
                        + "X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, X-ChatSDK-Handler"),
                Map.entry("Access-Control-Allow-Credentials", "true"));
        assertThat(bodies.cors(refresh("Origin", APP))).containsEntry("Access-Control-Allow-Origin", APP)
                .doesNotContainKey("Access-Control-Allow-Credentials");
        assertThat(cookies.cors(refresh("Origin", "https://evil.example"))).isEmpty();
        assertThat(cookies.cors(refresh("Origin", OWN))).as("same-origin requests need no CORS").isEmpty();
        assertThat(cookies.cors(refresh())).isEmpty();
        assertThat(cookies.cors(refresh("Origin", "null"))).isEmpty();
    }
}
