package dev.chatsdk.jakarta.token;

import java.time.Instant;

import com.auth0.jwt.interfaces.DecodedJWT;

import dev.chatsdk.jakarta.spi.ChatSession;

/** A verified access or ws token with its live session. Immutable. */
public final class TokenValidation {
    private final DecodedJWT token;
    private final ChatSession session;

    TokenValidation(DecodedJWT token, ChatSession session) {
        this.token = token;
        this.session = session;
    }

    /** @return the {@code sub} claim ({@code appId:userId}) */
    public String subject() {
        return token.getSubject();
    }

    public String userId() {
        return token.getClaim(LocalTokenIssuer.USER_ID).asString();
    }

    public String appId() {
        return token.getClaim(LocalTokenIssuer.APP_ID).asString();
    }

    public Instant issuedAt() {
        return token.getIssuedAtAsInstant();
    }

    public Instant expiresAt() {
        return token.getExpiresAtAsInstant();
    }

    /** @return the session as it is now */
    public ChatSession session() {
        return session;
    }
}
