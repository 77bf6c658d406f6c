package dev.chatsdk.jakarta.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;

import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ErrorCode;

class TokenShapeTest {
    private static final String JWT_TOKEN = JWT.create().withSubject("alice").sign(Algorithm.HMAC256("s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t"));

    @Test
    void acceptsACompactJws() {
        assertThat(TokenShape.wellFormed(JWT_TOKEN)).isTrue();
        assertThat(TokenShape.wellFormed("a.b.c")).isTrue();
        assertThat(TokenShape.wellFormed("A-_z.09.x_-Z")).isTrue();
        assertThat(TokenShape.check(JWT_TOKEN, ErrorCode.INVALID_REFRESH_TOKEN)).isSameAs(JWT_TOKEN);
    }

    @Test
    void acceptsUpToTheMaximumLengthAndNoMore() {
        String max = "a." + "b".repeat(TokenShape.MAX_LENGTH - 4) + ".c";
        assertThat(max).hasSize(8192);
        assertThat(TokenShape.wellFormed(max)).isTrue();
        assertThat(TokenShape.wellFormed("a." + "b".repeat(TokenShape.MAX_LENGTH - 3) + ".c")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "a.b", "a.b.c.d", ".b.c", "a..c", "a.b.", "..", "a.b.c=", "a.b+.c", "a/b.b.c",
            "a.b.c\n", "a.b.c\r\n", "\na.b.c", "a.b\u0000.c", "a.b\t.c", "a.b .c", " a.b.c", "a.b.c ", "a.b.c\u007f",
            "a.b.c\u0085", "a.bé.c", "a.b.c\u2028", "Bearer a.b.c"})
    void rejectsEverythingElse(String token) {
        assertThat(TokenShape.wellFormed(token)).isFalse();
    }

    @Test
    void rejectsNull() {
        assertThat(TokenShape.wellFormed(null)).isFalse();
    }

    @Test
    void rejectsARealTokenWithATrailingNewlineWithoutQuotingIt() {
        assertThatThrownBy(() -> TokenShape.check(JWT_TOKEN + "\n", ErrorCode.INVALID_REFRESH_TOKEN))
                .isInstanceOfSatisfying(ChatSdkException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REFRESH_TOKEN);
                    assertThat(e.getMessage()).isEqualTo("The refresh token is malformed: a token is three base64url "
                            + "parts separated by dots, at most 8192 characters.");
                });
        assertThatThrownBy(() -> TokenShape.check(JWT_TOKEN + "=", ErrorCode.INVALID_TOKEN))
                .isInstanceOfSatisfying(ChatSdkException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN);
                    assertThat(e.getMessage()).isEqualTo("The token is malformed: a token is three base64url "
                            + "parts separated by dots, at most 8192 characters.");
                });
    }
}
