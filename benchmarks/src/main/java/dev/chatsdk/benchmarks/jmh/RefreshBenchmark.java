package dev.chatsdk.benchmarks.jmh;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;

import dev.chatsdk.benchmarks.Fixtures;
import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatTokens;

/**
 * Refreshing: ours through the public API ({@link ChatSdk#refresh}: verify the refresh token, rotate its
 * session in the memory store, sign the next three tokens), and verifying a refresh token with bare
 * java-jwt (signature, {@code iss}, {@code aud}, times) as the floor of the verification step.
 *
 * <p>The module's clock advances one second per reading, so the default 30 s rotation grace keeps the
 * few spent tokens a real session has, instead of every token of a tight loop.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class RefreshBenchmark {
    private ChatSdk sdk;
    private String current;
    private String fixedRefreshToken;
    private JWTVerifier floor;

    @Setup(Level.Iteration)
    public void session() {
        String secret = Fixtures.secret();
        ChatSdkConfig config = Fixtures.config(secret, Fixtures.secret()).build();
        sdk = ChatSdk.builder().config(config).clock(new TickingClock()).build();
        ChatTokens first = sdk.issue(Fixtures.alice());
        current = first.refreshToken();
        fixedRefreshToken = first.refreshToken();
        floor = JWT.require(Algorithm.HMAC256(secret.getBytes(StandardCharsets.UTF_8))).withIssuer(config.token().issuer())
                .withAudience(config.token().audience() + ":refresh").withClaim("type", "refresh").acceptLeeway(30).build();
    }

    @Benchmark
    public ChatTokens chatsdkRefresh() {
        ChatTokens next = sdk.refresh(current);
        current = next.refreshToken();
        return next;
    }

    @Benchmark
    public DecodedJWT rawJavaJwtVerifyRefresh() {
        return floor.verify(fixedRefreshToken);
    }

    /** A clock that moves one second forward at every reading, starting now; its zones share the reading. */
    static final class TickingClock extends Clock {
        private final AtomicLong seconds;
        private final ZoneId zone;

        TickingClock() {
            this(new AtomicLong(Instant.now().getEpochSecond()), ZoneOffset.UTC);
        }

        private TickingClock(AtomicLong seconds, ZoneId zone) {
            this.seconds = seconds;
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new TickingClock(seconds, other);
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(seconds.getAndIncrement());
        }
    }
}
