package dev.chatsdk.benchmarks.jmh;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;

import dev.chatsdk.benchmarks.Fixtures;
import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatTokens;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.config.LocalKeysConfig;
import dev.chatsdk.jakarta.config.SessionConfig;
import io.getstream.chat.java.models.User;
import io.jsonwebtoken.Jwts;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/**
 * Issuing one session's tokens: ours through the public API ({@link ChatSdk#issue}, access + refresh + ws,
 * the session recorded in the memory store), against the same three claim sets signed with bare java-jwt
 * (the floor: what a hand-written endpoint pays at least), with jjwt and with SmallRye JWT's builder, and
 * against Stream's {@code User.createToken} (one token per call; compare per token). All HS256 with the
 * same key bytes, unless the name says otherwise. Average time per call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class IssueBenchmark {
    private final ChatUser user = Fixtures.alice();
    private String secret;
    private String wsSecret;
    private ChatSdkConfig config;
    private ChatSdkConfig rsaConfig;
    private ChatSdkConfig ecConfig;
    private ChatSdk hs256;
    private ChatSdk rs256;
    private ChatSdk es256;

    private Algorithm floorKey;
    private Algorithm floorWsKey;
    private SecretKey jjwtKey;
    private SecretKey jjwtWsKey;

    @Setup(Level.Trial)
    public void keys() {
        secret = Fixtures.secret();
        wsSecret = Fixtures.secret();
        floorKey = Algorithm.HMAC256(secret.getBytes(StandardCharsets.UTF_8));
        floorWsKey = Algorithm.HMAC256(wsSecret.getBytes(StandardCharsets.UTF_8));
        jjwtKey = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        jjwtWsKey = new SecretKeySpec(wsSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        config = Fixtures.config(secret, wsSecret).set(SessionConfig.Memory.MAX_SESSIONS, 100_000_000).build();
        KeyPair rsa = Fixtures.rsa();
        KeyPair ec = Fixtures.p256();
        rsaConfig = Fixtures.config(secret, wsSecret).set(SessionConfig.Memory.MAX_SESSIONS, 100_000_000)
                .set(ChatSdkConfig.Keys.LOCAL_ALGORITHM, "RS256")
                .set(LocalKeysConfig.PRIVATE_KEY, Fixtures.privatePem(rsa)).build();
        ecConfig = Fixtures.config(secret, wsSecret).set(SessionConfig.Memory.MAX_SESSIONS, 100_000_000)
                .set(ChatSdkConfig.Keys.LOCAL_ALGORITHM, "ES256")
                .set(LocalKeysConfig.PRIVATE_KEY, Fixtures.privatePem(ec))
                .set(LocalKeysConfig.PUBLIC_KEY, Fixtures.publicPem(ec)).build();
    }

    /** A fresh module per iteration, so that the memory store's growth stays that of one iteration. */
    @Setup(Level.Iteration)
    public void modules() {
        hs256 = ChatSdk.create(config);
        rs256 = ChatSdk.create(rsaConfig);
        es256 = ChatSdk.create(ecConfig);
    }

    @Benchmark
    public ChatTokens chatsdkIssueHs256() {
        return hs256.issue(user);
    }

    @Benchmark
    public ChatTokens chatsdkIssueRs256() {
        return rs256.issue(user);
    }

    @Benchmark
    public ChatTokens chatsdkIssueEs256() {
        return es256.issue(user);
    }

    /** The floor: the same three claim sets, with fresh ids, signed with java-jwt and nothing else. */
    @Benchmark
    public void rawJavaJwt(Blackhole out) {
        Instant iat = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant exp = iat.plus(config.token().accessTtl());
        String sid = UUID.randomUUID().toString();
        out.consume(javaJwtBase(sid, iat, exp).withClaim("type", "access").withClaim("name", user.name().get())
                .withClaim("avatar", user.avatar().get()).sign(floorKey));
        out.consume(javaJwtBase(sid, iat, iat.plus(config.token().refreshTtl())).withClaim("type", "refresh").sign(floorKey));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", user.name().get());
        info.put("avatar", user.avatar().get());
        out.consume(javaJwtBase(sid, iat, exp).withClaim("info", info).sign(floorWsKey));
    }

    private JWTCreator.Builder javaJwtBase(String sid, Instant iat, Instant exp) {
        return JWT.create().withKeyId(config.local().keyId()).withIssuer(config.token().issuer()).withAudience(config.token().audience())
                .withSubject(config.appId() + ":" + user.id()).withClaim("user_id", user.id())
                .withClaim("app_id", config.appId()).withClaim("sid", sid).withJWTId(UUID.randomUUID().toString())
                .withClaim("scopes", config.token().scopes()).withIssuedAt(iat).withNotBefore(iat).withExpiresAt(exp);
    }

    /** The same three claim sets with jjwt (per token: divide by three). */
    @Benchmark
    public void jjwt(Blackhole out) {
        Date iat = Date.from(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Date exp = new Date(iat.getTime() + config.token().accessTtl().toMillis());
        String sid = UUID.randomUUID().toString();
        out.consume(jjwtBase(sid, iat, exp).claim("type", "access").claim("name", user.name().get())
                .claim("avatar", user.avatar().get()).signWith(jjwtKey, Jwts.SIG.HS256).compact());
        out.consume(jjwtBase(sid, iat, new Date(iat.getTime() + config.token().refreshTtl().toMillis())).claim("type", "refresh")
                .signWith(jjwtKey, Jwts.SIG.HS256).compact());
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", user.name().get());
        info.put("avatar", user.avatar().get());
        out.consume(jjwtBase(sid, iat, exp).claim("info", info).signWith(jjwtWsKey, Jwts.SIG.HS256).compact());
    }

    private io.jsonwebtoken.JwtBuilder jjwtBase(String sid, Date iat, Date exp) {
        return Jwts.builder().header().keyId(config.local().keyId()).and().issuer(config.token().issuer()).audience()
                .add(config.token().audience()).and().subject(config.appId() + ":" + user.id()).claim("user_id", user.id())
                .claim("app_id", config.appId()).claim("sid", sid).id(UUID.randomUUID().toString())
                .claim("scopes", config.token().scopes()).issuedAt(iat).notBefore(iat).expiration(exp);
    }

    /** The same three claim sets with SmallRye JWT's builder (per token: divide by three). */
    @Benchmark
    public void smallryeJwt(Blackhole out) {
        long iat = Instant.now().getEpochSecond();
        long exp = iat + config.token().accessTtl().toSeconds();
        String sid = UUID.randomUUID().toString();
        out.consume(Jwt.claims(smallryeBase(sid, iat, exp, "access")).claim("name", user.name().get())
                .claim("avatar", user.avatar().get()).jws().keyId(config.local().keyId()).algorithm(SignatureAlgorithm.HS256)
                .sign(jjwtKey));
        out.consume(Jwt.claims(smallryeBase(sid, iat, iat + config.token().refreshTtl().toSeconds(), "refresh")).jws()
                .keyId(config.local().keyId()).algorithm(SignatureAlgorithm.HS256).sign(jjwtKey));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", user.name().get());
        info.put("avatar", user.avatar().get());
        Map<String, Object> ws = smallryeBase(sid, iat, exp, null);
        ws.put("info", info);
        out.consume(Jwt.claims(ws).jws().keyId(config.local().keyId()).algorithm(SignatureAlgorithm.HS256).sign(jjwtWsKey));
    }

    private Map<String, Object> smallryeBase(String sid, long iat, long exp, String type) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", config.token().issuer());
        claims.put("aud", config.token().audience());
        claims.put("sub", config.appId() + ":" + user.id());
        claims.put("user_id", user.id());
        claims.put("app_id", config.appId());
        claims.put("sid", sid);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("scopes", List.copyOf(config.token().scopes()));
        claims.put("iat", iat);
        claims.put("nbf", iat);
        claims.put("exp", exp);
        if (type != null) {
            claims.put("type", type);
        }
        return claims;
    }

    /** Stream's server SDK: one user token (user_id, iat, exp) per call, HS256 with the same key bytes. */
    @Benchmark
    public String streamSdkCreateToken() {
        Date now = new Date();
        return User.createToken(secret, user.id(), new Date(now.getTime() + config.token().accessTtl().toMillis()), now);
    }
}
