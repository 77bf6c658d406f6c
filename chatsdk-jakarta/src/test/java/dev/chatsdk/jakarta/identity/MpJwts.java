package dev.chatsdk.jakarta.identity;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Real MicroProfile JWT principals: an RS256 token from an identity provider (a key pair made per run),
 * verified and parsed by SmallRye JWT, as an MP JWT server would put it in the security context.
 */
public final class MpJwts {
    public static final String ISSUER = "https://idp.example.com";
    private static final KeyPair KEYS = keys();

    private MpJwts() {
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a signed token for {@code username} with a profile, groups, a tenant and an address */
    public static String token(String username) {
        Instant now = Instant.now();
        return JWT.create().withIssuer(ISSUER).withSubject("sub-" + username).withClaim("upn", username)
                .withClaim("preferred_username", username).withClaim("name", "JWT " + username)
                .withClaim("picture", "https://idp.example.com/" + username + ".png")
                .withClaim("email", username + "@example.com").withClaim("groups", List.of("chat-user", "staff"))
                .withClaim("tenant", "acme").withClaim("address", Map.of("city", "Lyon"))
                .withIssuedAt(now).withExpiresAt(now.plusSeconds(300))
                .sign(Algorithm.RSA256((RSAPublicKey) KEYS.getPublic(), (RSAPrivateKey) KEYS.getPrivate()));
    }

    /** @return the token verified and parsed by SmallRye JWT */
    public static JsonWebToken principal(String token) {
        try {
            return new DefaultJWTParser(new JWTAuthContextInfo((RSAPublicKey) KEYS.getPublic(), ISSUER)).parse(token);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
