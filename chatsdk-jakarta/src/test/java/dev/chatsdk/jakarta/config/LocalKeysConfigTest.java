package dev.chatsdk.jakarta.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static dev.chatsdk.jakarta.config.ConfigFixture.SOURCE;
import static dev.chatsdk.jakarta.config.ConfigFixture.mp;
import static dev.chatsdk.jakarta.config.ConfigFixture.problems;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkConfigException;
import dev.chatsdk.jakarta.MpConfigured;
import dev.chatsdk.jakarta.TestConfig;

/** The {@code chatsdk.local.*} secrets ({@link LocalKeysConfig}): their length, their independence, retired keys, paste errors. */
class LocalKeysConfigTest {
    private final TestConfig test = new TestConfig();

    private Map<String, String> valid(String... overrides) {
        return MpConfigured.properties(test, overrides);
    }

    @Test
    void rejectsShortSecretsWithoutPrintingThem() {
        List<String> problems = problems(valid(ChatSdkConfig.Keys.LOCAL_SECRET, "short-secret-123"));

        assertThat(problems).containsExactly("CHATSDK-013: 'chatsdk.local.secret' " + SOURCE + " is 16 bytes long; "
                + "HS256 needs at least 32 bytes, e.g. the output of 'openssl rand -base64 48'");
        assertThat(String.join("\n", problems)).doesNotContain("short-secret-123");
    }

    @Test
    void rejectsEqualSecrets() {
        assertThat(problems(valid(ChatSdkConfig.Keys.LOCAL_WS_SECRET, test.secret))).containsExactly(
                "CHATSDK-014: 'chatsdk.local.ws-secret' " + SOURCE + " must differ from 'chatsdk.local.secret' "
                        + SOURCE + ", and neither may contain the other, so that a leaked realtime secret cannot sign "
                        + "access tokens; set a second random secret");
    }

    @Test
    void rejectsARealtimeSecretThatHoldsTheSigningSecret() {
        // the attack review's case: the signing secret plus one character, which a leaked ws secret gives away
        List<String> problems = problems(valid(ChatSdkConfig.Keys.LOCAL_WS_SECRET, test.secret + "x"));

        assertThat(problems).singleElement().asString().startsWith("CHATSDK-014: 'chatsdk.local.ws-secret' ");
        assertThat(String.join("\n", problems)).doesNotContain(test.secret);
    }

    @Test
    void rejectsASecretWithSurroundingWhitespaceOrAnInlineComment() {
        for (String secret : List.of(test.secret + " ", " " + test.secret)) {
            List<String> problems = problems(valid(ChatSdkConfig.Keys.LOCAL_SECRET, secret));

            assertThat(problems).as(secret).containsExactly("CHATSDK-019: 'chatsdk.local.secret' " + SOURCE + " starts "
                    + "or ends with whitespace, or has what looks like an inline comment (whitespace, then '#' or '!': "
                    + ".properties files have none, the comment becomes part of the value); write the secret alone");
            assertThat(String.join("\n", problems)).as(secret).doesNotContain(test.secret);
        }
        // an inline comment is the rule of every key (CHATSDK-075), the secret before it checked as meant
        for (String secret : List.of(test.secret + " # prod secret, keep it out of git please!!",
                test.secret + "\t! rotated in May")) {
            List<String> problems = problems(valid(ChatSdkConfig.Keys.LOCAL_SECRET, secret));

            assertThat(problems).as(secret).containsExactly("CHATSDK-075: 'chatsdk.local.secret' " + SOURCE + " has "
                    + "what looks like an inline comment (whitespace, then '#' or '!'), which its value cannot hold; a "
                    + ".properties file takes such a comment into the value, so put it on a line of its own");
            assertThat(String.join("\n", problems)).as(secret).doesNotContain("prod secret").doesNotContain("rotated")
                    .doesNotContain(test.secret);
        }
        assertThat(ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.LOCAL_SECRET, "a#b!c" + test.secret))).local().secret())
                .as("# and ! without whitespace before them are part of a secret").startsWith("a#b!c");
    }

    @Test
    void holdsRetiredHmacSecretsToTheActiveSecretsRules() {
        List<String> problems = problems(valid(ChatSdkConfig.Keys.LOCAL_PREVIOUS_KEYS,
                "old-1=" + "s".repeat(31) + ",old-2=" + test.wsSecret + ",old-3=" + TestConfig.randomSecret()));

        assertThat(problems).containsExactly("CHATSDK-017: 'chatsdk.local.previous-keys' " + SOURCE + " has the retired "
                + "key 'old-1' of 31 bytes; HS256 needs at least 32 bytes, so remove it (tokens it signed cannot be "
                + "trusted)", "CHATSDK-018: 'chatsdk.local.previous-keys' " + SOURCE + " has the retired key 'old-2' "
                + "equal to, containing or part of 'chatsdk.local.ws-secret' " + SOURCE + ", so a leaked realtime "
                + "secret could sign access tokens; remove it, or change chatsdk.local.ws-secret");
        assertThat(String.join("\n", problems)).doesNotContain(test.wsSecret);
    }

    @Test
    void holdsRetiredSecretsApartFromTheRealtimeSecretAndFreeOfPasteErrors() {
        // the second attack review's case: the ws secret minus its last character, retired, signed access tokens
        String part = test.wsSecret.substring(0, test.wsSecret.length() - 1);
        for (String retired : List.of(part, test.wsSecret + "x")) {
            assertThat(problems(valid(ChatSdkConfig.Keys.LOCAL_PREVIOUS_KEYS, "old=" + retired))).as(retired)
                    .singleElement().asString().startsWith("CHATSDK-018: 'chatsdk.local.previous-keys' ");
        }
        for (String retired : List.of(TestConfig.randomSecret() + "\u00a0", "\u00a0" + TestConfig.randomSecret())) {
            assertThat(problems(valid(ChatSdkConfig.Keys.LOCAL_PREVIOUS_KEYS, "old=" + retired))).as(retired)
                    .containsExactly("CHATSDK-019: 'chatsdk.local.previous-keys' " + SOURCE + " has the retired key "
                            + "'old' starting or ending with whitespace, or with what looks like an inline comment "
                            + "(whitespace, then '#' or '!'); write the secret alone");
        }
        // set in code, no .properties took the comment in: the secret's own rule still sees it
        String commented = "old=" + TestConfig.randomSecret() + " # c";
        assertThatThrownBy(() -> test.builder().set(LocalKeysConfig.PREVIOUS_KEYS, List.of(commented)).build())
                .isInstanceOf(ChatSdkConfigException.class).hasMessageContaining("CHATSDK-019: 'chatsdk.local.previous-keys' "
                        + "has the retired key 'old' starting or ending with whitespace, or with what looks like an "
                        + "inline comment").hasMessageNotContaining(commented.substring(4, 20));
        assertThat(problems(valid(ChatSdkConfig.Keys.LOCAL_SECRET, test.secret + "\u00a0"))).as("a no-break space")
                .singleElement().asString().startsWith("CHATSDK-019: 'chatsdk.local.secret' ");
    }
}
