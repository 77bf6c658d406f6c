package dev.chatsdk.jakarta.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ErrorCode;

/** The user a revoke-tokens path names, read from the path as sent (the containers' part is in *RevokeUserPathIT). */
class UserPathsTest {
    @Test
    void readsTheOneSegmentAtItsPlaceAsStrictUtf8() {
        assertThat(UserPaths.revokedUser("/chatsdk/api/users/a%3Bb/revoke-tokens", "/chatsdk")).isEqualTo("a;b");
        assertThat(UserPaths.revokedUser("/chatsdk/api/users/a+b/revoke-tokens", "/chatsdk")).isEqualTo("a+b");
        assertThat(UserPaths.revokedUser("/chatsdk/api/users/%c3%A4/revoke-tokens", "/chatsdk")).isEqualTo("\u00e4");
        assertThat(UserPaths.revokedUser("/x/y/api/users/u/revoke-tokens", "/x/y")).isEqualTo("u");
        assertThat(UserPaths.revokedUser("/api/users/u/revoke-tokens", "")).isEqualTo("u");
        assertThat(UserPaths.revokedUser("/chat%73dk/api/users/u/revoke-tokens", "/chatsdk")).isEqualTo("u");
    }

    @Test
    void answersNullForAnotherShapeSoTheCallerAnswersNotFound() {
        assertThat(UserPaths.revokedUser("/chatsdk/api/users/a/b/revoke-tokens", "/chatsdk")).isNull();
        assertThat(UserPaths.revokedUser("/chatsdk/api/users/a/revoke", "/chatsdk")).isNull();
        assertThat(UserPaths.revokedUser("/other/api/users/a/revoke-tokens", "/chatsdk")).isNull();
        assertThat(UserPaths.revokedUser("/chatsdk/api/revoke-tokens", "/chatsdk")).isNull();
    }

    @Test
    void refusesWhatAContainerWouldReadAsAnotherPath() {
        assertInvalid("/chatsdk/api/users/victim;x/revoke-tokens", "The revoke-tokens path carries a ';' parameter, "
                + "which servlet containers strip before reading the path; percent-encode a ';' of the user id as %3B.");
        assertInvalid("/chatsdk/api/users/%2E%2e/revoke-tokens", "The revoke-tokens path has a '.' or '..' segment; "
                + "name the user as one segment of the path, percent-encoded.");
        assertInvalid("/chatsdk/api/users/victim/revoke-tokens/", "The revoke-tokens path has an empty segment; name "
                + "the user as one segment of the path, percent-encoded.");
    }

    @Test
    void refusesWhatIsNoPercentEncodedUtf8() {
        String utf8 = "The revoke-tokens path is not percent-encoded UTF-8; percent-encode the user id as UTF-8.";
        assertInvalid("/chatsdk/api/users/%C3%28/revoke-tokens", utf8);
        assertInvalid("/chatsdk/api/users/%C1%A1/revoke-tokens", utf8);
        assertInvalid("/chatsdk/api/users/%ED%A0%80/revoke-tokens", utf8);
        String escape = "The revoke-tokens path has a '%' that does not start a percent-encoded byte (%XX); "
                + "percent-encode the user id as UTF-8.";
        assertInvalid("/chatsdk/api/users/a%zzb/revoke-tokens", escape);
        assertInvalid("/chatsdk/api/users/a%2/revoke-tokens", escape);
        String raw = "The revoke-tokens path holds a character that must be percent-encoded; percent-encode the user id "
                + "as UTF-8.";
        assertInvalid("/chatsdk/api/users/\u00e4/revoke-tokens", raw);
        assertInvalid("/chatsdk/api/users/a b/revoke-tokens", raw);
        assertInvalid(null, "The request path could not be read as the client sent it.");
    }

    private static void assertInvalid(String rawPath, String message) {
        assertThatThrownBy(() -> UserPaths.revokedUser(rawPath, "/chatsdk"))
                .isInstanceOfSatisfying(ChatSdkException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessage(message);
    }
}
