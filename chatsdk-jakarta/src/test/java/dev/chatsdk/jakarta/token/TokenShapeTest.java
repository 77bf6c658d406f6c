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
        assertThat(TokenShape.wellFormed("ab.cd.ef")).isTrue();
        assertThat(TokenShape.wellFormed("A-_z.09.x_-Z")).isTrue();
        assertThat(TokenShape.wellFormed("abc.abcd.abcdef")).isTrue();
        assertThat(TokenShape.check(JWT_TOKEN, ErrorCode.INVALID_REFRESH_TOKEN)).isSameAs(JWT_TOKEN);
    }

    @Test
    void acceptsUpToTheMaximumLengthAndNoMore() {
        String max = "ab." + "b".repeat(TokenShape.MAX_LENGTH - 6) + ".cd";
        assertThat(max).hasSize(8192);
        assertThat(TokenShape.wellFormed(max)).isTrue();
        assertThat(TokenShape.wellFormed("ab." + "b".repeat(TokenShape.MAX_LENGTH - 4) + ".cd")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "ab.cd", "ab.cd.ef.gh", ".cd.ef", "ab..ef", "ab.cd.", "..", "ab.cd.ef=", "ab.cd+.ef",
            "ab/.cd.ef", "ab.cd.ef\n", "ab.cd.ef\r\n", "\nab.cd.ef", "ab.cd\u0000.ef", "ab.cd\t.ef", "ab.cd .ef",
            " ab.cd.ef", "ab.cd.ef ", "ab.cd.ef\u007f", "ab.cd.ef\u0085", "ab.cdé.ef", "ab.cd.ef\u2028",
            "Bearer ab.cd.ef",
            // a base64url part is never 4n + 1 characters long
            "a.bc.de", "ab.c.de", "ab.cd.e", "abcde.cd.ef"})
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
                    assertThat(e.getMessage()).isEqualTo("The refresh token is not valid: it is not a well-formed JWT.");
                });
        assertThatThrownBy(() -> TokenShape.check(JWT_TOKEN + "=", ErrorCode.INVALID_TOKEN))
                .isInstanceOfSatisfying(ChatSdkException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN);
                    assertThat(e.getMessage()).isEqualTo("The token is not valid: it is not a well-formed JWT.");
                });
    }
}
