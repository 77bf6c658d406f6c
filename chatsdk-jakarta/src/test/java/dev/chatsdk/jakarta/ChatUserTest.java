package dev.chatsdk.jakarta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ChatUserTest {
    @Test
    void acceptsIdsUpTo255Characters() {
        assertThat(ChatUser.of("x".repeat(255)).id()).hasSize(255);
        assertThat(ChatUser.of("u-123@example.com").id()).isEqualTo("u-123@example.com");
    }

    @Test
    void rejectsIdsThatBreakTheRules() {
        assertInvalid("", "The user id is empty.");
        assertInvalid(null, "The user id is empty.");
        assertInvalid("x".repeat(256), "The user id is 256 characters long; the limit is 255.");
        assertInvalid("app:u", "The user id contains ':', which separates the app id from the user id in 'sub'.");
        assertInvalid("u\n1", "The user id contains a control character at position 1.");
    }

    @Test
    void rejectsIdsNoRevokeTokensPathCouldName() {
        String container = "which servlet containers refuse in a request path even percent-encoded, so the "
                + "revoke-tokens endpoint could not name the user.";
        assertInvalid("a/b", "The user id contains '/', " + container);
        assertInvalid("a\\b", "The user id contains '\\', " + container);
        assertInvalid("50%", "The user id contains '%', " + container);
        assertInvalid(".", "The user id is '.', a dot segment, which no request path can carry, so the revoke-tokens "
                + "endpoint could not name the user.");
        assertInvalid("..", "The user id is '..', a dot segment, which no request path can carry, so the revoke-tokens "
                + "endpoint could not name the user.");
        assertThat(ChatUser.of("...").id()).isEqualTo("...");
        assertThat(ChatUser.of(".a").id()).isEqualTo(".a");
        assertThat(ChatUser.of("a;b?c#d e+f").id()).isEqualTo("a;b?c#d e+f");
    }

    private static void assertInvalid(String id, String message) {
        assertThatThrownBy(() -> ChatUser.of(id))
                .isInstanceOfSatisfying(ChatSdkException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_USER_ID))
                .hasMessage(message);
    }

    @Test
    void keepsAnUnmodifiableCopyOfCustomClaims() {
        Map<String, Object> claims = new java.util.HashMap<>(Map.of("role", "admin"));
        ChatUser user = ChatUser.builder("u").custom(claims).claim("team", "x").build();
        claims.put("role", "changed");

        assertThat(user.custom()).containsExactlyInAnyOrderEntriesOf(Map.of("role", "admin", "team", "x"));
        assertThatThrownBy(() -> user.custom().put("k", "v")).isInstanceOf(UnsupportedOperationException.class);
    }

    private static void assertRefused(ChatUser.Builder builder, String message) {
        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(ChatSdkException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessage(message);
    }

    @Test
    void limitsTheNameTo255Characters() {
        assertThat(ChatUser.builder("u").name("n".repeat(255)).build().name()).hasValueSatisfying(n -> assertThat(n).hasSize(255));
        assertRefused(ChatUser.builder("u").name("n".repeat(256)), "Field 'name' is 256 characters long; the limit is 255.");
    }

    @Test
    void acceptsOnlyAbsoluteWebUrlsUpTo2048CharactersAsAvatar() {
        String base = "https://example.com/";
        assertThat(ChatUser.builder("u").avatar(base + "a".repeat(2048 - base.length())).build().avatar()).isPresent();
        String message = "Field 'avatar' must be an absolute http or https URL of at most 2048 characters.";
        assertRefused(ChatUser.builder("u").avatar(base + "a".repeat(2049 - base.length())), message);
        assertRefused(ChatUser.builder("u").avatar("/avatars/a.png"), message);
        assertRefused(ChatUser.builder("u").avatar("javascript:alert(1)"), message);
        assertRefused(ChatUser.builder("u").avatar("ftp://example.com/a.png"), message);
        assertRefused(ChatUser.builder("u").avatar("https://exa mple.com/a.png"), message);
    }

    @Test
    void limitsCustomClaimsTo32KeysAnd4KiBOfJson() {
        Map<String, Object> keys = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 32; i++) {
            keys.put("k" + i, i);
        }
        assertThat(ChatUser.builder("u").custom(keys).build().custom()).hasSize(32);
        keys.put("k32", 32);
        assertRefused(ChatUser.builder("u").custom(keys), "Field 'custom' has 33 top-level keys; the limit is 32.");

        String filler = "x".repeat(2048 - "{\"k\":\"\"}".length());
        assertThat(ChatUser.builder("u").claim("k", filler).build().custom()).hasSize(1);
        assertRefused(ChatUser.builder("u").claim("k", filler + "x"), "Field 'custom' is 2049 bytes of JSON; the limit is 2048.");
    }

    @Test
    void boundsTheEmailAt254Characters() {
        String at254 = "a".repeat(254 - "@x.com".length()) + "@x.com";
        assertThat(ChatUser.builder("u").email(at254).build().email()).contains(at254);
        assertRefused(ChatUser.builder("u").email("b" + at254), "Field 'email' is 255 characters long; the limit is 254.");
        assertRefused(ChatUser.builder("e1").email("a".repeat(9000) + "@x.com"),
                "Field 'email' is 9006 characters long; the limit is 254.");
    }

    @Test
    void everyFieldAtItsOwnLimitFitsTheProfileBound() {
        String avatar = "https://cdn.example.com/a/";
        avatar += "p".repeat(ChatUser.MAX_AVATAR_LENGTH - avatar.length());
        String custom = "x".repeat(ChatUser.MAX_CUSTOM_BYTES - "{\"k\":\"\"}".length());
        // the worst UTF-8 and escaping per character: 3 bytes for a BMP ideograph, 6 for an escaped control character
        assertThat(ChatUser.builder("u").avatar(avatar).build().avatar()).contains(avatar);
        assertThat(ChatUser.builder("u").claim("k", custom).build().custom()).hasSize(1);
        assertThat(ChatUser.builder("u").name("\u0001".repeat(ChatUser.MAX_NAME_LENGTH)).build().name()).isPresent();
        assertThat(ChatUser.builder("u").email("\u0001".repeat(ChatUser.MAX_EMAIL_LENGTH)).build().email()).isPresent();
        assertThat(ChatUser.builder("u").name("\u6f22".repeat(ChatUser.MAX_NAME_LENGTH))
                .email("\u6f22".repeat(ChatUser.MAX_EMAIL_LENGTH)).build().name()).isPresent();
    }

    /** The bound that lets a usual profile skip serialization is never below the bytes it stands for. */
    @Test
    void theProfileBoundIsNeverBelowTheProfilesBytes() {
        java.util.Random random = new java.util.Random(11);
        char[] alphabet = {'a', '"', '\\', '\u0001', '\u001f', '\u007f', '\u00e9', '\u2028', '\u6f22', '<', '/'};
        for (int i = 0; i < 5_000; i++) {
            String[] fields = new String[3];
            for (int f = 0; f < 3; f++) {
                if (random.nextInt(4) > 0) {
                    StringBuilder text = new StringBuilder();
                    for (int k = random.nextInt(300); k > 0; k--) {
                        text.append(random.nextInt(20) == 0 ? "\ud83d\ude42" : String.valueOf(alphabet[random.nextInt(alphabet.length)]));
                    }
                    fields[f] = text.toString();
                }
            }
            assertThat(ChatUser.profileBound(fields[0], fields[1], fields[2]))
                    .isGreaterThanOrEqualTo(ChatUser.profileBytes(fields[0], fields[1], fields[2], Map.of()));
        }
        assertThat(ChatUser.profileBound(null, null, null)).isEqualTo(ChatUser.profileBytes(null, null, null, Map.of()));
    }

    @Test
    void boundsTheProfileAsAWholeInUtf8Bytes() {
        String avatar = "https://cdn.example.com/a/";
        avatar += "p".repeat(ChatUser.MAX_AVATAR_LENGTH - avatar.length());
        ChatUser.Builder all = ChatUser.builder("u").avatar(avatar).name("\u6f22".repeat(ChatUser.MAX_NAME_LENGTH));
        int bytes = ChatUser.profileBytes("\u6f22".repeat(ChatUser.MAX_NAME_LENGTH), avatar, null, Map.of());
        assertThat(bytes).isEqualTo(2048 + 255 * 3 + "{\"name\":\"\",\"avatar\":\"\",\"email\":null,\"custom\":{}}".length());
        assertRefused(all, "Fields 'name', 'avatar', 'email' and 'custom' together are " + bytes + " bytes of JSON (UTF-8); "
                + "the limit is " + ChatUser.MAX_PROFILE_BYTES + ".");

        // exactly at the bound passes, one byte more does not
        String skeleton = "{\"name\":null,\"avatar\":\"\",\"email\":null,\"custom\":{\"k\":\"\"}}";
        String custom = "c".repeat(1000);
        String exact = "https://e.x/" + "p".repeat(ChatUser.MAX_PROFILE_BYTES - skeleton.length() - 1000 - "https://e.x/".length());
        assertThat(ChatUser.profileBytes(null, exact, null, Map.of("k", custom))).isEqualTo(ChatUser.MAX_PROFILE_BYTES);
        assertThat(ChatUser.builder("u").avatar(exact).claim("k", custom).build().avatar()).contains(exact);
        assertRefused(ChatUser.builder("u").avatar(exact + "p").claim("k", custom), "Fields 'name', 'avatar', 'email' and "
                + "'custom' together are " + (ChatUser.MAX_PROFILE_BYTES + 1) + " bytes of JSON (UTF-8); the limit is "
                + ChatUser.MAX_PROFILE_BYTES + ".");
    }

    @Test
    void refusesCustomValuesThatAreNotJson() {
        assertRefused(ChatUser.builder("u").claim("thread", new Object()),
                "Field 'custom' holds a value that cannot be written as JSON.");
    }
}
