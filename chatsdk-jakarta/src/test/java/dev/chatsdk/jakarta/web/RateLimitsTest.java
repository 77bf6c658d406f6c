package dev.chatsdk.jakarta.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.config.Rate;
import dev.chatsdk.jakarta.config.RateLimitConfig;
import dev.chatsdk.jakarta.config.WebConfig;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.TestClock;
import dev.chatsdk.jakarta.TestConfig;

/**
 * The rate limits on their own, with the built-in token buckets and a clock the test moves: each limit's budget, its
 * refill, what it counts as one client, and the answer it gives.
 */
class RateLimitsTest {
    private static final Rate THREE_A_MINUTE = Rate.parse("3/1m");

    private final TestClock clock = new TestClock();

    private RateLimits limits(ChatSdkConfig.Builder config) {
        ChatSdkConfig built = config.build();
        return new RateLimits(built, new TokenBuckets(), clock, new ClientAddresses(built));
    }

    private static ChatSdkConfig.Builder config() {
        return new TestConfig().builder();
    }

    private static FakeRequest from(String address) {
        return new FakeRequest("POST", "/auth/tokens").from(address);
    }

    private static RateLimits.Exceeded refused(Runnable call) {
        try {
            call.run();
        } catch (RateLimits.Exceeded e) {
            return e;
        }
        throw new AssertionError("the call was not refused");
    }

    @Test
    void aUserGetsThePermitsThenRateLimitedWithTheWaitForOnePermit() {
        RateLimits limits = limits(config().set(RateLimitConfig.USER, Optional.of(THREE_A_MINUTE)));
        for (int i = 0; i < 3; i++) {
            limits.user("alice");
        }

        RateLimits.Exceeded e = refused(() -> limits.user("alice"));

        // 3 a minute refill one permit every 20 seconds
        assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(e.code().status()).isEqualTo(429);
        assertThat(e.limit).isEqualTo(3);
        assertThat(e.retryAfterSeconds).isEqualTo(20);
        assertThat(e.getMessage()).isEqualTo("Too many requests; try again in 20 seconds.");
        assertThat(e.headers()).isEqualTo(Map.of("X-RateLimit-Limit", "3", "X-RateLimit-Remaining", "0",
                "X-RateLimit-Reset", "20"));
    }

    @Test
    void theBudgetRefillsWithTime() {
        RateLimits limits = limits(config().set(RateLimitConfig.USER, Optional.of(THREE_A_MINUTE)));
        for (int i = 0; i < 3; i++) {
            limits.user("alice");
        }
        clock.advance(Duration.ofSeconds(15));
        assertThat(refused(() -> limits.user("alice")).retryAfterSeconds).isEqualTo(5);

        clock.advance(Duration.ofSeconds(5));
        limits.user("alice");
        assertThat(refused(() -> limits.user("alice")).retryAfterSeconds).isEqualTo(20);

        clock.advance(Duration.ofMinutes(10));
        for (int i = 0; i < 3; i++) {
            limits.user("alice");
        }
        refused(() -> limits.user("alice"));
    }

    @Test
    void eachUserAndEachApiKeyHasItsOwnBudget() {
        RateLimits limits = limits(config().set(RateLimitConfig.USER, Optional.of(THREE_A_MINUTE))
                .set(RateLimitConfig.API_KEY, Optional.of(Rate.parse("1/1m"))));
        for (int i = 0; i < 3; i++) {
            limits.user("alice");
        }
        refused(() -> limits.user("alice"));
        limits.user("bob");

        limits.apiKey("ck_first_key_of_the_test");
        assertThat(refused(() -> limits.apiKey("ck_first_key_of_the_test")).retryAfterSeconds).isEqualTo(60);
        limits.apiKey("ck_second_key_of_the_test");
        // a user named like an API key's bucket shares nothing with it
        limits.user("ck_second_key_of_the_test");
    }

    @Test
    void aLimitThatIsOffNeverRefuses() {
        RateLimits limits = limits(config().set(RateLimitConfig.USER, Optional.empty())
                .set(RateLimitConfig.IP, Optional.empty()).set(RateLimitConfig.API_KEY, Optional.empty()));

        for (int i = 0; i < 1000; i++) {
            limits.user("alice");
            limits.apiKey("ck_a_key_of_the_test");
            limits.client(from("127.0.0.1"));
        }
    }

    @Test
    void aClientIsItsAddressAndAnIpv6ClientItsSlash64() {
        RateLimits limits = limits(config().set(RateLimitConfig.IP, Optional.of(Rate.parse("2/1m"))));
        limits.client(from("127.0.0.1"));
        limits.client(from("127.0.0.1"));
        refused(() -> limits.client(from("127.0.0.1")));
        limits.client(from("127.0.0.2"));

        // documentation addresses (RFC 3849), never contacted: one /64 is one client
        limits.client(from("2001:db8:1:2::1"));
        limits.client(from("2001:db8:1:2:ffff::9"));
        refused(() -> limits.client(from("2001:db8:1:2::7")));
        limits.client(from("2001:db8:1:3::1"));
    }

    @Test
    void withoutAClientAddressTheAddressLimitIsNotApplied() {
        RateLimits limits = limits(config().set(RateLimitConfig.IP, Optional.of(Rate.parse("1/1m"))));

        for (int i = 0; i < 10; i++) {
            limits.client(from(null));
        }
    }

    @Test
    void behindATrustedProxyTheForwardedClientIsCounted() {
        RateLimits limits = limits(config().set(RateLimitConfig.IP, Optional.of(Rate.parse("1/1m")))
                .set(WebConfig.Proxies.TRUSTED, List.of("127.0.0.1")));
        limits.client(from("127.0.0.1").header("X-Forwarded-For", "127.0.0.5"));
        refused(() -> limits.client(from("127.0.0.1").header("X-Forwarded-For", "127.0.0.5")));

        limits.client(from("127.0.0.1").header("X-Forwarded-For", "127.0.0.6"));
    }

    @Test
    void spentFailedKeyBudgetLocksTheAddressOutUntilItRefills() {
        RateLimits limits = limits(config().set(RateLimitConfig.FAILED_API_KEY, Optional.of(Rate.parse("2/1m"))));
        FakeRequest guesser = from("127.0.0.1");
        limits.beforeApiKey(guesser);
        limits.failedApiKey(guesser);
        limits.failedApiKey(guesser);

        RateLimits.Exceeded spent = refused(() -> limits.failedApiKey(guesser));
        assertThat(spent.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(spent.limit).isEqualTo(2);
        assertThat(spent.retryAfterSeconds).isEqualTo(30);

        // locked: even the right key is refused, with the time left of the lock-out
        clock.advance(Duration.ofSeconds(10));
        RateLimits.Exceeded locked = refused(() -> limits.beforeApiKey(guesser));
        assertThat(locked.limit).isEqualTo(2);
        assertThat(locked.retryAfterSeconds).isEqualTo(20);
        clock.advance(Duration.ofMillis(19_500));
        assertThat(refused(() -> limits.beforeApiKey(guesser)).retryAfterSeconds).as("rounded up").isEqualTo(1);

        // another address is not locked out
        limits.beforeApiKey(from("127.0.0.2"));

        clock.advance(Duration.ofMillis(500));
        limits.beforeApiKey(guesser);
    }

    @Test
    void callersWithoutAnAddressShareOneFailedKeyBudget() {
        RateLimits limits = limits(config().set(RateLimitConfig.FAILED_API_KEY, Optional.of(Rate.parse("1/1m"))));
        limits.failedApiKey(from(null));

        refused(() -> limits.failedApiKey(from(null)));
        refused(() -> limits.beforeApiKey(from(null)));
        limits.beforeApiKey(from("127.0.0.1"));
    }
}
